package dev.leanverify.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the simulated REPL (a test double for Lean, which cannot be installed everywhere).
 *
 * @param recordings     folders of recorded real-Lean answers it replays
 * @param findSharedData whether to replay the shared data too, when found (lean.sim.recordings not set);
 *                       the simulator looks for it, so that the settings do not depend on the test double
 * @param timeScale      recorded proof times are multiplied by this to get the CPU the simulator burns
 * @param waitCost       spend a proof's (and a header's) cost by sleeping instead of burning CPU: proofs that
 *                       wait, like Lean blocked on something, so that many slots fit on few cores (lean.sim.wait)
 */
public record SimulatorSettings(List<Path> recordings, boolean findSharedData, double timeScale, long headerLoadMs,
                                long headerMemoryMb, long startDelayMs, boolean waitCost) {

    public SimulatorSettings {
        recordings = List.copyOf(recordings);
    }

    static SimulatorSettings from(Settings s) {
        List<Path> recordings = new ArrayList<>();
        String configured = s.string("lean.sim.recordings", "");
        if (!configured.isBlank() && !configured.equals("none")) {
            for (String dir : configured.split(",")) {
                Path path = Path.of(dir.strip());
                if (!Files.isDirectory(path)) {
                    throw new ConfigException(s.describe("lean.sim.recordings") + " names " + path
                            + ", which is not a directory");
                }
                recordings.add(path.toAbsolutePath().normalize());
            }
        }
        return new SimulatorSettings(recordings, configured.isBlank(), s.decimal("lean.sim.time.scale", 0.02, 0, 1000),
                s.longValue("lean.sim.header.load.ms", 0, 0, 3_600_000),
                s.longValue("lean.sim.header.memory.mb", 0, 0, 1 << 20),
                s.longValue("lean.sim.start.delay.ms", 0, 0, 3_600_000), s.bool("lean.sim.wait", false));
    }
}
