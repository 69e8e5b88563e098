package dev.leanverify.verify;

import dev.leanverify.config.LeanSettings;
import dev.leanverify.repl.ReplSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Turns the Lean settings into the spec REPL processes are started from. */
public final class ReplSpecs {
    private ReplSpecs() {
    }

    /** @param simulator the simulated REPL's command, used when {@code lean.simulate=true} */
    public static ReplSpec from(LeanSettings s, SimulatorCommand simulator) {
        List<String> command = s.simulate() ? simulator.commandLine(s.simulator()) : s.replCommand();
        String version = s.simulate() ? "simulated"
                : s.leanVersion().equals("unknown") ? LeanVersionProbe.detect(s.replCommand(), s.projectDir())
                : s.leanVersion();
        return new ReplSpec(command, s.projectDir(), Map.of(), s.headerTimeout(), s.memoryLimitBytes(),
                s.addressSpaceLimitBytes(), Duration.ofMillis(100), s.maxResponseBytes(), 50, version, s.simulate());
    }
}
