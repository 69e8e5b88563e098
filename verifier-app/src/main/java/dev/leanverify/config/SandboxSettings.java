package dev.leanverify.config;

import dev.leanverify.repl.sandbox.SandboxConfig;
import dev.leanverify.repl.sandbox.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the {@code lean.sandbox*} settings: how REPL processes are sandboxed (see {@link SandboxConfig}). */
public final class SandboxSettings {
    public static final Set<String> KEYS = Set.of("lean.sandbox", "lean.sandbox.bwrap", "lean.sandbox.ro.paths",
            "lean.sandbox.rw.paths", "lean.sandbox.scratch.mb", "lean.sandbox.max.processes",
            "lean.sandbox.file.size.mb", "lean.sandbox.uid.base");

    private SandboxSettings() {
    }

    static SandboxConfig from(Settings s) {
        SandboxMode mode = s.choice("lean.sandbox", SandboxMode.AUTO, SandboxMode.class);
        long scratchMb = s.longValue("lean.sandbox.scratch.mb", SandboxConfig.DEFAULT_SCRATCH_BYTES >> 20, 1, 1 << 20);
        return new SandboxConfig(mode, s.string("lean.sandbox.bwrap", "bwrap"),
                paths(s, "lean.sandbox.ro.paths"), paths(s, "lean.sandbox.rw.paths"), scratchMb << 20,
                s.integer("lean.sandbox.max.processes", SandboxConfig.DEFAULT_MAX_PROCESSES, 8, 1 << 22),
                s.longValue("lean.sandbox.file.size.mb", scratchMb, 1, 1 << 30) << 20,
                s.longValue("lean.sandbox.uid.base", SandboxConfig.DEFAULT_UID_BASE, 1000, 1L << 31));
    }

    /** A comma-separated list of existing absolute paths. */
    private static List<Path> paths(Settings s, String key) {
        List<Path> out = new ArrayList<>();
        for (String item : s.string(key, "").split(",")) {
            if (item.isBlank()) {
                continue;
            }
            Path path = Path.of(item.strip());
            if (!path.isAbsolute() || !Files.exists(path)) {
                throw new ConfigException(s.describe(key) + " names '" + item.strip()
                        + "', which is not an existing absolute path");
            }
            out.add(path.normalize());
        }
        return out;
    }
}
