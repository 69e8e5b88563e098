package dev.leanverify.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The memory this machine gives the process: MemTotal from /proc/meminfo, lowered to the cgroup's
 * limit when the process runs in a container with one (a container sees the host's MemTotal).
 */
public final class MachineMemory {
    private final Path meminfo;
    private final Path cgroupRoot;

    public MachineMemory(Path meminfo, Path cgroupRoot) {
        this.meminfo = meminfo;
        this.cgroupRoot = cgroupRoot;
    }

    /** Reads the real /proc/meminfo and /sys/fs/cgroup. */
    public static MachineMemory system() {
        return new MachineMemory(Path.of("/proc/meminfo"), Path.of("/sys/fs/cgroup"));
    }

    /** Total memory in bytes, or empty when /proc/meminfo cannot be read (not Linux). */
    public OptionalLong totalBytes() {
        OptionalLong total = memTotal();
        if (total.isEmpty()) {
            return total;
        }
        long limit = total.getAsLong();
        // cgroup v2, then v1; "max" or an absurd v1 value means no limit
        for (Path file : new Path[] {cgroupRoot.resolve("memory.max"), cgroupRoot.resolve("memory/memory.limit_in_bytes")}) {
            OptionalLong cgroup = number(file);
            if (cgroup.isPresent() && cgroup.getAsLong() > 0) {
                limit = Math.min(limit, cgroup.getAsLong());
            }
        }
        return OptionalLong.of(limit);
    }

    private OptionalLong memTotal() {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024); // the unit is kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static OptionalLong number(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
