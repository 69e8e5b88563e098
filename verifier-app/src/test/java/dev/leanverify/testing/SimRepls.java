package dev.leanverify.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.repl.ReplLauncher;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.sim.SimulatedReplCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** REPL specs that start the simulated REPL (the test double for Lean) for tests. */
public final class SimRepls {
    private SimRepls() {
    }

    public static ReplSpec spec(SimulatedReplCommand sim) {
        return new ReplSpec(sim.commandLine(), Path.of("").toAbsolutePath(), Map.of(), Duration.ofSeconds(30), 0, 0,
                Duration.ofMillis(50), 64 << 20, 20, "simulated", true);
    }

    public static ReplSpec spec() {
        return spec(SimulatedReplCommand.defaults().withTimeScale(0));
    }

    public static ReplLauncher launcher(ReplSpec spec, String name) {
        return new ReplLauncher(spec, new ReplJson(), Ticker.systemTicker(), name);
    }

    public static ReplSpec withCommand(ReplSpec spec, List<String> command) {
        return new ReplSpec(command, spec.workingDir(), spec.environment(), spec.headerTimeout(),
                spec.memoryLimitBytes(), spec.addressSpaceLimitBytes(), spec.memoryCheckInterval(),
                spec.maxResponseBytes(), spec.stderrTailLines(), spec.leanVersion(), spec.simulated());
    }
}
