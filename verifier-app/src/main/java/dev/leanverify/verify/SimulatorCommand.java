package dev.leanverify.verify;

import dev.leanverify.config.SimulatorSettings;
import java.util.List;

/**
 * How to start the simulated REPL (a test double for Lean). The composition root (cli, service,
 * bench) passes the simulator's; {@code verify} itself never names it.
 */
@FunctionalInterface
public interface SimulatorCommand {
    List<String> commandLine(SimulatorSettings settings);
}
