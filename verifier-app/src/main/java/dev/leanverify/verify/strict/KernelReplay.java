package dev.leanverify.verify.strict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Hands the assembled file (the submission as sent: header and body) to a configured kernel replay
 * command (e.g. a wrapper around {@code leanchecker} or SafeVerify), its path as the last argument.
 * Exit 0 passes; anything else, or no exit within the time limit, refuses with the output's tail.
 */
public final class KernelReplay {
    /** The replay's verdict: passed, or refused with the tail of the tool's output. */
    public record Verdict(boolean passed, String detail) {
    }

    static final int TAIL_CHARS = 400;
    private final List<String> command;
    private final Duration timeout;

    public KernelReplay(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("the replay command is empty");
        }
    }

    public Verdict replay(String code) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("leanverify-replay");
            Path file = dir.resolve("Proof.lean");
            Files.writeString(file, code, StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(command);
            argv.add(file.toString());
            Path out = dir.resolve("output.txt");
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
            boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Verdict(false, "no verdict within " + timeout.toSeconds() + " s: " + tail(out));
            }
            String tail = tail(out);
            return p.exitValue() == 0 ? new Verdict(true, "passed")
                    : new Verdict(false, "exit " + p.exitValue() + ": " + tail);
        } catch (IOException e) {
            return new Verdict(false, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String tail(Path out) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(out)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        String t = text.length() > TAIL_CHARS ? "…" + text.substring(text.length() - TAIL_CHARS) : text;
        return t.isEmpty() ? "(no output)" : t.replaceAll("\\s*\\n\\s*", " | ");
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temp dir is not worth failing a verdict over
        }
    }
}
