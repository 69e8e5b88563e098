package dev.leanverify.repl;

import dev.leanverify.repl.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start and supervise one kind of Lean REPL process.
 *
 * @param command             the REPL command line, e.g. {@code lake env /opt/repl/.lake/build/bin/repl}
 * @param workingDir          where it runs (a Lean project, so that imports resolve)
 * @param environment         extra environment variables for the process
 * @param headerTimeout       limit for starting a process and loading an import header
 * @param memoryLimitBytes    resident memory of the whole process tree above which a request is
 *                            stopped with RESOURCE_LIMIT; 0 for none
 * @param addressSpaceLimitBytes hard RLIMIT_AS given to the process (through prlimit); 0 for none
 * @param memoryCheckInterval how often the tree's resident memory is read while waiting
 * @param maxResponseBytes    a response larger than this is treated as garbage
 * @param stderrTailLines     how many of the last stderr lines are kept for error reports
 * @param leanVersion         what results report as the Lean version ("simulated" for the test double)
 * @param simulated           whether this is the simulated REPL (results say so)
 * @param sandbox             the sandbox the command runs in (a disabled one passes it through)
 */
public record ReplSpec(List<String> command, Path workingDir, Map<String, String> environment,
                       Duration headerTimeout, long memoryLimitBytes, long addressSpaceLimitBytes,
                       Duration memoryCheckInterval, int maxResponseBytes, int stderrTailLines,
                       String leanVersion, boolean simulated, Sandbox sandbox) {

    public ReplSpec {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("the REPL command must not be empty");
        }
        Objects.requireNonNull(workingDir, "workingDir");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        requirePositive(headerTimeout, "header timeout");
        requirePositive(memoryCheckInterval, "memory check interval");
        if (memoryLimitBytes < 0 || addressSpaceLimitBytes < 0) {
            throw new IllegalArgumentException("memory limits must not be negative");
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("max response bytes must be at least 1024, was " + maxResponseBytes);
        }
        if (stderrTailLines < 1) {
            throw new IllegalArgumentException("stderr tail lines must be at least 1, was " + stderrTailLines);
        }
        Objects.requireNonNull(leanVersion, "leanVersion");
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** A spec without a sandbox. */
    public ReplSpec(List<String> command, Path workingDir, Map<String, String> environment, Duration headerTimeout,
                    long memoryLimitBytes, long addressSpaceLimitBytes, Duration memoryCheckInterval,
                    int maxResponseBytes, int stderrTailLines, String leanVersion, boolean simulated) {
        this(command, workingDir, environment, headerTimeout, memoryLimitBytes, addressSpaceLimitBytes,
                memoryCheckInterval, maxResponseBytes, stderrTailLines, leanVersion, simulated, Sandbox.off());
    }

    /** A copy whose processes run in {@code box}. */
    public ReplSpec withSandbox(Sandbox box) {
        return new ReplSpec(command, workingDir, environment, headerTimeout, memoryLimitBytes, addressSpaceLimitBytes,
                memoryCheckInterval, maxResponseBytes, stderrTailLines, leanVersion, simulated, box);
    }

    /** A spec with the usual defaults for everything but the command and directory. */
    public static ReplSpec of(List<String> command, Path workingDir) {
        return new ReplSpec(command, workingDir, Map.of(), Duration.ofMinutes(5), 0, 0, Duration.ofMillis(100),
                64 * 1024 * 1024, 50, "unknown", false);
    }

    public ReplSpec withHeaderTimeout(Duration timeout) {
        return new ReplSpec(command, workingDir, environment, timeout, memoryLimitBytes, addressSpaceLimitBytes,
                memoryCheckInterval, maxResponseBytes, stderrTailLines, leanVersion, simulated, sandbox);
    }

    public ReplSpec withMemoryLimits(long memoryLimit, long addressSpaceLimit) {
        return new ReplSpec(command, workingDir, environment, headerTimeout, memoryLimit, addressSpaceLimit,
                memoryCheckInterval, maxResponseBytes, stderrTailLines, leanVersion, simulated, sandbox);
    }

    public ReplSpec withVersion(String version, boolean isSimulated) {
        return new ReplSpec(command, workingDir, environment, headerTimeout, memoryLimitBytes,
                addressSpaceLimitBytes, memoryCheckInterval, maxResponseBytes, stderrTailLines, version, isSimulated,
                sandbox);
    }

    /** The command as one string, for error messages. */
    public String commandLine() {
        return String.join(" ", command);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
