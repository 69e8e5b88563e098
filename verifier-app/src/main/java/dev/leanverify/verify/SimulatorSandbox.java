package dev.leanverify.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the simulated REPL (a Java process) must see inside the sandbox besides its class path:
 * the running JDK, and the configuration its {@code conf} directory links to outside it (Debian
 * keeps it in /etc/java-N-openjdk).
 */
final class SimulatorSandbox {
    private SimulatorSandbox() {
    }

    static List<Path> jdkPaths() {
        Path home = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(home);
        try {
            paths.add(home.toRealPath());
        } catch (IOException e) {
            // the link itself is enough then
        }
        Path conf = home.resolve("conf");
        if (Files.isDirectory(conf)) {
            try (Stream<Path> files = Files.walk(conf, 4)) {
                files.filter(Files::isSymbolicLink).forEach(link -> {
                    try {
                        Path target = link.toRealPath();
                        if (!target.startsWith(home)) {
                            paths.add(configRoot(target));
                        }
                    } catch (IOException e) {
                        // a dangling link: nothing to show
                    }
                });
            } catch (IOException e) {
                // unreadable conf: the JVM will say what it misses
            }
        }
        return List.copyOf(paths);
    }

    /** /etc/java-17-openjdk/security/java.security -> /etc/java-17-openjdk. */
    private static Path configRoot(Path target) {
        return target.getNameCount() > 2 ? target.getRoot().resolve(target.subpath(0, 2)) : target;
    }
}
