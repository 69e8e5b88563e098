package dev.leanverify.repl.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the REPL sandbox allows: the mode, where bwrap is, the host paths it may read or write
 * besides what Lean needs, and its limits.
 *
 * @param mode             auto, required or off
 * @param bwrap            the bubblewrap binary: a name looked up on the PATH or a path
 * @param readOnlyPaths    extra host paths visible read-only (at the same place)
 * @param writablePaths    extra host paths visible read-write (at the same place)
 * @param scratchBytes     size of the private {@code /tmp} (a tmpfs, gone with the REPL)
 * @param maxProcesses     RLIMIT_NPROC of the sandboxed user: processes and threads together
 * @param fileSizeBytes    RLIMIT_FSIZE: the largest file the REPL may write
 * @param uidBase          when the verifier runs as root, REPLs run as unprivileged uids from here on
 */
public record SandboxConfig(SandboxMode mode, String bwrap, List<Path> readOnlyPaths, List<Path> writablePaths,
                            long scratchBytes, int maxProcesses, long fileSizeBytes, long uidBase) {
    /** Default scratch size. */
    public static final long DEFAULT_SCRATCH_BYTES = 256L << 20;
    /** Default process bound (a Lean REPL runs a worker thread per core; threads count). */
    public static final int DEFAULT_MAX_PROCESSES = 512;
    /** Default first uid for REPLs of a verifier running as root. */
    public static final long DEFAULT_UID_BASE = 200_000;

    public SandboxConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bwrap, "bwrap");
        readOnlyPaths = List.copyOf(readOnlyPaths);
        writablePaths = List.copyOf(writablePaths);
        if (scratchBytes < 1 << 20) {
            throw new IllegalArgumentException("sandbox scratch must be at least 1 MiB, was " + scratchBytes);
        }
        if (maxProcesses < 8) {
            throw new IllegalArgumentException("sandbox process bound must be at least 8, was " + maxProcesses);
        }
        if (fileSizeBytes < 1 << 20) {
            throw new IllegalArgumentException("sandbox file size limit must be at least 1 MiB, was " + fileSizeBytes);
        }
        if (uidBase < 1000) {
            throw new IllegalArgumentException("sandbox uid base must be at least 1000, was " + uidBase);
        }
    }

    /** auto, bwrap from the PATH, no extra paths, the default limits. */
    public static SandboxConfig defaults(SandboxMode mode) {
        return new SandboxConfig(mode, "bwrap", List.of(), List.of(), DEFAULT_SCRATCH_BYTES, DEFAULT_MAX_PROCESSES,
                DEFAULT_SCRATCH_BYTES, DEFAULT_UID_BASE);
    }

    public SandboxConfig withBwrap(String path) {
        return new SandboxConfig(mode, path, readOnlyPaths, writablePaths, scratchBytes, maxProcesses, fileSizeBytes,
                uidBase);
    }

    public SandboxConfig withLimits(long scratch, int processes, long fileSize) {
        return new SandboxConfig(mode, bwrap, readOnlyPaths, writablePaths, scratch, processes, fileSize, uidBase);
    }

    public SandboxConfig withReadOnly(List<Path> more) {
        List<Path> all = new java.util.ArrayList<>(readOnlyPaths);
        all.addAll(more);
        return new SandboxConfig(mode, bwrap, all, writablePaths, scratchBytes, maxProcesses, fileSizeBytes, uidBase);
    }
}
