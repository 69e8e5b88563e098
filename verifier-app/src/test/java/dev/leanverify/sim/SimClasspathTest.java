package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app names its dependencies only in its jar's manifest; the sandbox shows a REPL just
 * the paths on its command line, so the simulator's class path must list them (a packaged
 * {@code check --simulate} failed with NoClassDefFoundError under bubblewrap before).
 */
@Tag("unit")
class SimClasspathTest {
    @TempDir
    Path dir;

    @Test
    void spellsOutTheManifestClassPathOfAJar() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path a = Files.writeString(lib.resolve("jackson-databind.jar"), "a");
        Path b = Files.writeString(lib.resolve("kafka clients.jar"), "b");
        Path app = jarWithClassPath(dir.resolve("leanverify.jar"), "lib/jackson-databind.jar lib/kafka%20clients.jar lib/missing.jar");
        Path classes = Files.createDirectories(dir.resolve("classes"));

        String expanded = SimClasspath.expand(app + File.pathSeparator + classes);

        assertThat(List.of(expanded.split(File.pathSeparator)))
                .containsExactly(app.toString(), a.toString(), b.toString(), classes.toString());
    }

    @Test
    void leavesAPlainClassPathAsItIs() {
        String plain = dir.resolve("x").toString() + File.pathSeparator + dir.resolve("y.jar");
        assertThat(SimClasspath.expand(plain)).isEqualTo(plain);
    }

    private static Path jarWithClassPath(Path jar, String classPath) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }
}
