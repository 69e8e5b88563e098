package dev.leanverify.config;

import dev.leanverify.repl.CommandLineSplitter;
import dev.leanverify.repl.MemoryBudgetConfig;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed settings of the Lean side: how to start the REPL, time and memory limits, the per-thread
 * pool, the instance's REPL memory budget, the sandbox. Keys start with {@code lean.} and {@code pool.}.
 */
public record LeanSettings(List<String> replCommand, Path projectDir, boolean simulate, SimulatorSettings simulator,
                           String leanVersion, Duration defaultTimeout, Duration maxTimeout, Duration headerTimeout,
                           long memoryLimitBytes, long addressSpaceLimitBytes, boolean mergeMathlibImports,
                           int maxResponseBytes, PoolConfig pool, SandboxConfig sandbox,
                           MemoryBudgetConfig instanceMemory) {

    public static final Set<String> KEYS = union(union(SandboxSettings.KEYS, MemoryBudgetSettings.KEYS), Set.of(
            "lean.repl.command", "lean.project.dir", "lean.simulate", "lean.version",
            "lean.timeout.default.seconds", "lean.timeout.max.seconds", "lean.header.timeout.seconds",
            "lean.memory.limit.mb", "lean.memory.address.space.limit.mb", "lean.imports.merge.mathlib",
            "lean.response.max.bytes",
            "lean.sim.time.scale", "lean.sim.header.load.ms", "lean.sim.header.memory.mb", "lean.sim.recordings",
            "lean.sim.start.delay.ms", "lean.sim.wait",
            "pool.max.processes", "pool.memory.budget.mb", "pool.max.uses", "pool.prewarm.headers",
            "pool.start.backoff.max.ms"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    public static LeanSettings from(Settings s) {
        boolean simulate = s.bool("lean.simulate", false);
        List<String> command = List.of();
        if (!simulate) {
            String line = s.required("lean.repl.command",
                    "the command that starts the Lean REPL, e.g. 'lake env /opt/repl/.lake/build/bin/repl'"
                            + " (--repl-command on the command line); or use the simulated REPL, a test double,"
                            + " with --simulate or lean.simulate=true");
            try {
                command = CommandLineSplitter.split(line);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(s.describe("lean.repl.command") + ": " + e.getMessage());
            }
            if (command.isEmpty()) {
                throw new ConfigException(s.describe("lean.repl.command") + " is empty");
            }
        }
        Path projectDir = Path.of(s.string("lean.project.dir", ".")).toAbsolutePath().normalize();
        if (!Files.isDirectory(projectDir)) {
            throw new ConfigException(s.describe("lean.project.dir") + " names " + projectDir
                    + ", which is not a directory");
        }
        // Simulated proofs take their recorded time x 0.02 by default: 10 s is a generous limit there.
        int defaultTimeout = s.integer("lean.timeout.default.seconds", simulate ? 10 : 60, 1, 24 * 3600);
        int maxTimeout = s.integer("lean.timeout.max.seconds", Math.max(120, defaultTimeout), 1, 24 * 3600);
        if (maxTimeout < defaultTimeout) {
            throw new ConfigException("lean.timeout.max.seconds (" + maxTimeout
                    + ") must not be below lean.timeout.default.seconds (" + defaultTimeout + ")");
        }
        int headerTimeout = s.integer("lean.header.timeout.seconds", simulate ? 60 : 120, 1, 24 * 3600);
        long memoryMb = s.longValue("lean.memory.limit.mb", 0, 0, 1L << 30);
        long asMb = s.longValue("lean.memory.address.space.limit.mb", 0, 0, 1L << 30);
        PoolConfig pool = new PoolConfig(
                s.integer("pool.max.processes", 2, 1, 1024),
                s.longValue("pool.memory.budget.mb", 0, 0, 1L << 30) << 20,
                s.integer("pool.max.uses", 500, 1, Integer.MAX_VALUE),
                prewarmHeaders(s.string("pool.prewarm.headers", "")),
                Duration.ofMillis(s.longValue("pool.start.backoff.max.ms", 30_000, 0, 600_000)));
        String version = s.string("lean.version", simulate ? "simulated" : "unknown");
        if (simulate && !version.equals("simulated")) {
            throw new ConfigException("lean.version must be 'simulated' (or unset) when lean.simulate=true,"
                    + " so that no result passes simulated output off as real Lean; was '" + version + "'");
        }
        return new LeanSettings(command, projectDir, simulate, SimulatorSettings.from(s), version,
                Duration.ofSeconds(defaultTimeout), Duration.ofSeconds(maxTimeout), Duration.ofSeconds(headerTimeout),
                memoryMb << 20, asMb << 20, s.bool("lean.imports.merge.mathlib", false),
                s.integer("lean.response.max.bytes", 64 << 20, 1 << 16, Integer.MAX_VALUE), pool,
                SandboxSettings.from(s), MemoryBudgetSettings.from(s));
    }

    /**
     * "Mathlib Aesop, Mathlib" → two headers: {@code import Mathlib\nimport Aesop} and {@code import Mathlib}.
     */
    static List<String> prewarmHeaders(String value) {
        List<String> headers = new ArrayList<>();
        for (String header : value.split(",")) {
            if (header.isBlank()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            for (String module : header.strip().split("\\s+")) {
                lines.add("import " + module);
            }
            headers.add(String.join("\n", lines));
        }
        return headers;
    }
}
