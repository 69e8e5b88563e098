package dev.leanverify.cli;

import dev.leanverify.config.KnownSettings;
import dev.leanverify.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that run Lean: where the settings come from and how to start the REPL. */
final class LeanOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with settings (environment variables LEANVERIFY_* override it).")
    Path config;

    @Option(names = "--repl-command", paramLabel = "CMD",
            description = "Command that starts the Lean REPL, e.g. 'lake env /opt/repl/.lake/build/bin/repl'.")
    String replCommand;

    @Option(names = "--project-dir", paramLabel = "DIR", description = "Lean project the REPL runs in.")
    Path projectDir;

    @Option(names = "--simulate", description = "Use the simulated REPL (a test double, NOT real Lean).")
    boolean simulate;

    @Option(names = "--time-scale", paramLabel = "F",
            description = "Simulated REPL only: recorded proof times are multiplied by F (default 0.02).")
    Double timeScale;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set pool.max.uses=100.")
    Map<String, String> sets = new LinkedHashMap<>();

    /** The settings: file, then environment, then these options. */
    Settings settings(Map<String, String> extra) {
        Map<String, String> overrides = new LinkedHashMap<>(extra);
        overrides.putAll(sets);
        if (replCommand != null) {
            overrides.put("lean.repl.command", replCommand);
        }
        if (projectDir != null) {
            overrides.put("lean.project.dir", projectDir.toString());
        }
        if (simulate) {
            overrides.put("lean.simulate", "true");
        }
        if (timeScale != null) {
            overrides.put("lean.sim.time.scale", timeScale.toString());
        }
        Settings settings = Settings.load(config, System.getenv(), overrides);
        KnownSettings.check(settings);
        return settings;
    }
}
