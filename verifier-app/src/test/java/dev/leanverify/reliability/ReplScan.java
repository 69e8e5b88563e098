package dev.leanverify.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds REPL processes through /proc. Every process a verifier starts for Lean (the REPL, its
 * orphan guard, anything Lean code spawns) runs in lean.project.dir; each scenario gives its
 * verifiers a directory of its own, so the live processes whose working directory is that one
 * are exactly the scenario's REPLs, whoever their parent is now (a REPL whose JVM was killed is
 * re-parented), and no other test's.
 */
final class ReplScan {
    private ReplScan() {
    }

    /** Live (not zombie) processes whose working directory is {@code dir}. */
    static List<Long> runningIn(Path dir) {
        Path target;
        try {
            target = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readSymbolicLink(entry.resolve("cwd")).equals(target) && !zombie(entry)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended while we looked, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean zombie(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    /** Waits until no process runs in {@code dir}; fails naming the survivors. */
    static void awaitNoneIn(Path dir, Duration timeout, String when) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> left = runningIn(dir);
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(when + ": REPL processes still running after " + timeout.toMillis()
                        + " ms: " + describe(left));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            left = runningIn(dir);
        }
    }

    static String describe(List<Long> pids) {
        List<String> out = new ArrayList<>();
        for (long pid : pids) {
            String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?");
            out.add(pid + " " + (cmd.length() > 120 ? cmd.substring(0, 120) + "..." : cmd));
        }
        return out.toString();
    }
}
