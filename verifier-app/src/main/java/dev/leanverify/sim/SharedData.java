package dev.leanverify.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the recorded real-Lean data the project is tested against: {@code ../shared/data}
 * next to the project, unless the system property {@code leanverify.shared.dir} or the
 * environment variable {@code LEANVERIFY_SHARED_DIR} says otherwise.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The {@code data} folder, if it can be found. */
    public static Optional<Path> dataDir() {
        String configured = System.getProperty("leanverify.shared.dir", System.getenv("LEANVERIFY_SHARED_DIR"));
        if (configured != null && !configured.isBlank()) {
            return existing(Path.of(configured).resolve("data"));
        }
        String home = System.getProperty("leanverify.project.dir", System.getenv("LEANVERIFY_HOME"));
        Path project = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path dir = project; dir != null; dir = dir.getParent()) {
            Optional<Path> candidate = existing(dir.resolve("../shared/data").normalize());
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    /** The {@code data} folder, or an error saying where it was looked for. */
    public static Path requireDataDir() {
        return dataDir().orElseThrow(() -> new IllegalStateException(
                "cannot find the shared data folder (../shared/data next to the project); "
                        + "set LEANVERIFY_SHARED_DIR to the folder that contains data/"));
    }

    private static Optional<Path> existing(Path dir) {
        return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }
}
