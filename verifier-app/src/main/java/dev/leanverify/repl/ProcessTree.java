package dev.leanverify.repl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads and ends process trees through Linux's /proc. A REPL runs untrusted Lean code that may
 * start processes of its own, so memory is measured over the whole tree and killing targets the
 * process group the REPL leads (it is started under {@code setsid}).
 */
public final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final long PAGE_SIZE = 4096;

    private ProcessTree() {
    }

    /** The process and all its descendants, read from /proc/PID/task/TID/children. */
    public static List<Long> pids(long pid) {
        List<Long> result = new ArrayList<>();
        collect(pid, result, 0);
        return result;
    }

    private static void collect(long pid, List<Long> into, int depth) {
        if (depth > 64 || !Files.isDirectory(PROC.resolve(Long.toString(pid)))) {
            return;
        }
        into.add(pid);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                String children;
                try {
                    children = Files.readString(task.resolve("children")).trim();
                } catch (IOException gone) {
                    continue;
                }
                if (!children.isEmpty()) {
                    for (String child : children.split("\\s+")) {
                        collect(Long.parseLong(child), into, depth + 1);
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended while we looked: nothing more to count
        }
    }

    /**
     * Resident memory of the process and its descendants, in bytes; 0 when it is gone. Read from the
     * resident field of /proc/PID/statm, the same figure as VmRSS in /proc/PID/status, cheaper to parse.
     */
    public static long residentBytes(long pid) {
        long total = 0;
        for (long p : pids(pid)) {
            total += residentBytesOf(p);
        }
        return total;
    }

    static long residentBytesOf(long pid) {
        try {
            String[] statm = Files.readString(PROC.resolve(pid + "/statm")).trim().split("\\s+");
            return Long.parseLong(statm[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The process group of a process, if it still exists. */
    public static Optional<Long> processGroupOf(long pid) {
        return statField(pid, 2).map(Long::parseLong);
    }

    /** Every live process whose process group is {@code pgid} (zombies excluded). */
    public static List<Long> membersOfGroup(long pgid) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                Optional<String> state = statField(pid, 0);
                if (state.isPresent() && !state.get().equals("Z") && statField(pid, 2).equals(Optional.of(Long.toString(pgid)))) {
                    members.add(pid);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return members;
    }

    /**
     * Fields of /proc/PID/stat after the command name: 0 is the state, 1 the parent, 2 the group.
     */
    private static Optional<String> statField(long pid, int index) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(fields[index]);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /**
     * SIGKILLs the process group {@code pgid} and every descendant of {@code pid} (a descendant
     * may have left the group). Returns once the leader has exited or {@code wait} has passed.
     */
    public static void kill(Process leader, long pgid) {
        List<Long> tree = pids(leader.pid());
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill binary: fall back to killing the tree one by one below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (long pid : tree) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        leader.destroyForcibly();
        try {
            leader.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
