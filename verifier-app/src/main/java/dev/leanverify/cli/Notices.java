package dev.leanverify.cli;

import java.io.PrintWriter;

/** Messages every command prints the same way. */
final class Notices {
    static final String SIMULATED = "NOTE: Lean is SIMULATED here: a test double (dev.leanverify.sim) answers from"
            + " recordings and rules; these are not real Lean verdicts.";

    private Notices() {
    }

    static void simulated(PrintWriter err) {
        err.println("=".repeat(100));
        err.println(SIMULATED);
        err.println("=".repeat(100));
        err.flush();
    }
}
