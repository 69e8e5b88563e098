package dev.leanverify.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** What the commands that print their own progress (demo, bench) share: quiet logs, scratch cleanup. */
final class ProgressCommands {
    private ProgressCommands() {
    }

    /**
     * Lowers the verifier's and Kafka's routine logs to warnings and errors, unless the user chose
     * a level with LEANVERIFY_LOG_LEVEL: the command's own progress lines would drown in them.
     */
    static void quietLogs() {
        if (System.getenv("LEANVERIFY_LOG_LEVEL") != null) {
            return;
        }
        Configurator.setLevel("dev.leanverify", Level.WARN);
        Configurator.setLevel("org.apache.kafka", Level.ERROR);
        Configurator.setLevel("kafka", Level.ERROR);
    }

    /** Deletes a scratch directory and everything in it; one left behind is harmless, so failures are ignored. */
    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // see above
        }
    }
}
