package dev.leanverify.sim;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The class path a simulated REPL process is started with: this JVM's class path with every jar's
 * manifest {@code Class-Path} spelled out. The packaged app runs from {@code leanverify.jar}, whose
 * dependencies are named only in its manifest ({@code lib/*.jar}); the REPL sandbox makes visible
 * exactly the absolute paths on a command line, so each dependency has to be on it.
 */
public final class SimClasspath {
    private SimClasspath() {
    }

    /** This JVM's class path, manifest entries included, as one {@code -cp} argument. */
    public static String expanded() {
        return expand(System.getProperty("java.class.path"));
    }

    static String expand(String classPath) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            entries.add(path.toString());
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                entries.addAll(manifestEntries(path));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The jar's manifest Class-Path (space-separated URLs relative to the jar's folder). */
    private static Set<String> manifestEntries(Path jar) {
        Set<String> found = new LinkedHashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (value == null) {
                return found;
            }
            URI base = jar.getParent().toUri();
            for (String url : value.trim().split("\\s+")) {
                Path resolved = Path.of(base.resolve(url)).normalize();
                if (Files.exists(resolved)) {
                    found.add(resolved.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
        return found;
    }
}
