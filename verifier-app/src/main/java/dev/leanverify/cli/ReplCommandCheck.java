package dev.leanverify.cli;

import dev.leanverify.config.ConfigException;
import dev.leanverify.config.LeanSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before a command starts REPLs: the program of lean.repl.command exists (a path, or a name on
 * PATH). Without this check a typo surfaces later, once per proof, as an INTERNAL_ERROR result.
 */
final class ReplCommandCheck {
    private ReplCommandCheck() {
    }

    /** @throws ConfigException naming the program and how to fix it */
    static void requireProgram(LeanSettings settings) {
        if (settings.simulate() || settings.replCommand().isEmpty()) {
            return;
        }
        String program = settings.replCommand().get(0);
        if (!found(program, settings.projectDir())) {
            throw new ConfigException("the REPL command '" + program + "' was not found (" + (program.contains("/")
                    ? "no such file" : "not on PATH") + ") — set --repl-command (lean.repl.command) to the REPL,"
                    + " e.g. 'lake env /opt/repl/.lake/build/bin/repl', or use --simulate for the simulated REPL");
        }
    }

    private static boolean found(String program, Path projectDir) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) || (!p.isAbsolute() && Files.isExecutable(projectDir.resolve(p)));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))
                    && !Files.isDirectory(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
