package dev.leanverify.verify;

import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.SimulatorSettings;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.sim.SimulatedReplCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Turns the Lean settings into the spec REPL processes are started from. */
public final class ReplSpecs {
    private ReplSpecs() {
    }

    public static ReplSpec from(LeanSettings s) {
        List<String> command = s.simulate() ? simulatorCommand(s.simulator()) : s.replCommand();
        String version = s.simulate() ? "simulated"
                : s.leanVersion().equals("unknown") ? LeanVersionProbe.detect(s.replCommand(), s.projectDir())
                : s.leanVersion();
        return new ReplSpec(command, s.projectDir(), Map.of(), s.headerTimeout(), s.memoryLimitBytes(),
                s.addressSpaceLimitBytes(), Duration.ofMillis(100), s.maxResponseBytes(), 50, version, s.simulate());
    }

    static List<String> simulatorCommand(SimulatorSettings sim) {
        return new SimulatedReplCommand(sim.recordings(), sim.timeScale(), sim.headerLoadMs(), sim.headerMemoryMb(),
                sim.startDelayMs(), false).commandLine();
    }
}
