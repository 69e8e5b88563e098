package dev.leanverify.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Lean version results report, by running {@code lean --version} the way the REPL
 * command would find Lean ({@code lake env lean --version} when the REPL runs under lake).
 * "unknown" when that fails; set lean.version to say it explicitly.
 */
final class LeanVersionProbe {
    private static final Pattern VERSION = Pattern.compile("version ([0-9][^,\\s)]*)");

    private LeanVersionProbe() {
    }

    static String detect(List<String> replCommand, Path projectDir) {
        List<String> probe = new ArrayList<>();
        if (!replCommand.isEmpty() && replCommand.get(0).endsWith("lake")) {
            probe.addAll(List.of(replCommand.get(0), "env"));
        }
        probe.addAll(List.of("lean", "--version"));
        try {
            Process p = new ProcessBuilder(probe).directory(projectDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = VERSION.matcher(out);
            return p.exitValue() == 0 && m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
