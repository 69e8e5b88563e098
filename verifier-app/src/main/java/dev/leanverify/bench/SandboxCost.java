package dev.leanverify.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.repl.ReplLauncher;
import dev.leanverify.repl.ReplOutcome;
import dev.leanverify.repl.ReplProcess;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.ReplStartException;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.sandbox.Sandbox;
import dev.leanverify.repl.sandbox.SandboxConfig;
import dev.leanverify.repl.sandbox.SandboxMode;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.verify.ReplSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What the REPL sandbox costs: the time from starting a REPL process to its first answer, and the
 * round trip of trivial commands to a warm one, without and with bubblewrap. Measured with the
 * simulated REPL (a test double for Lean, a JVM): with real Lean the start is dominated by the
 * header load, so the fixed sandbox cost weighs less. Starts alternate between the two modes so
 * that load from elsewhere hits both alike.
 */
public final class SandboxCost {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Milliseconds for one mode. */
    public record Figures(String mode, Latencies start, Latencies roundTrip) {
    }

    private SandboxCost() {
    }

    /** Both modes; the sandboxed one only when bwrap works here (else null). */
    public static Figures[] run(int starts, int requests) throws ReplStartException {
        ReplSpec plain = spec(Sandbox.off());
        Sandbox box = ReplSpecs.sandbox(SandboxConfig.defaults(SandboxMode.AUTO), true);
        ReplSpec boxed = box.enabled() ? spec(box) : null;
        ReplLauncher off = new ReplLauncher(plain, new ReplJson(), Ticker.systemTicker(), "cost-off");
        ReplLauncher on = boxed == null ? null : new ReplLauncher(boxed, new ReplJson(), Ticker.systemTicker(), "cost-on");
        startTime(off);
        if (on != null) {
            startTime(on); // warm the page cache for both
        }
        double[] startOff = new double[starts];
        double[] startOn = new double[starts];
        for (int i = 0; i < starts; i++) {
            startOff[i] = startTime(off);
            if (on != null) {
                startOn[i] = startTime(on);
            }
        }
        Figures offFigures = new Figures("sandbox off", Latencies.of(startOff), Latencies.of(roundTrips(off, requests)));
        Figures onFigures = on == null ? null
                : new Figures("sandbox on", Latencies.of(startOn), Latencies.of(roundTrips(on, requests)));
        return new Figures[] {offFigures, onFigures};
    }

    private static ReplSpec spec(Sandbox sandbox) {
        SimulatedReplCommand sim = SimulatedReplCommand.defaults().withTimeScale(0);
        return new ReplSpec(sim.commandLine(), Path.of("").toAbsolutePath(), Map.of(), TIMEOUT, 0, 0,
                Duration.ofMillis(100), 64 << 20, 20, "simulated", true, sandbox);
    }

    private static double startTime(ReplLauncher launcher) throws ReplStartException {
        long t0 = System.nanoTime();
        try (ReplProcess repl = launcher.start()) {
            answered(repl.send(ReplRequest.Command.of("theorem t : True := trivial", null), TIMEOUT));
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double[] roundTrips(ReplLauncher launcher, int requests) throws ReplStartException {
        double[] ms = new double[requests];
        try (ReplProcess repl = launcher.start()) {
            for (int round = 0; round < 2; round++) { // the first round warms both JITs up
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    answered(repl.send(ReplRequest.Command.of("theorem t" + i + " : True := trivial", null), TIMEOUT));
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return ms;
    }

    private static void answered(ReplOutcome o) {
        if (!(o instanceof ReplOutcome.Answered)) {
            throw new IllegalStateException("the simulated REPL did not answer: " + o);
        }
    }

    /** A Markdown table of the figures. */
    public static String table(Figures[] figures) {
        StringBuilder out = new StringBuilder("| mode | start to first answer p50 / p90 ms | round trip p50 / p99 ms |\n"
                + "|---|---|---|\n");
        for (Figures f : figures) {
            if (f != null) {
                out.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | %.3f / %.3f |%n", f.mode(), f.start().p50(),
                        f.start().p90(), f.roundTrip().p50(), f.roundTrip().p99()));
            }
        }
        return out.toString();
    }

    /** {@code java -cp ... dev.leanverify.bench.SandboxCost [starts] [requests]}. */
    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Figures[] figures = run(starts, requests);
        System.out.println("REPL sandbox cost (simulated REPL, a test double for Lean; " + starts + " starts, "
                + requests + " round trips per mode):");
        System.out.print(table(figures));
        if (figures[1] == null) {
            System.out.println("(sandbox on: not measured, bubblewrap does not work here)");
        }
    }
}
