package dev.leanverify.verify;

import dev.leanverify.config.LeanSettings;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.sandbox.Sandbox;
import dev.leanverify.repl.sandbox.SandboxConfig;
import dev.leanverify.repl.sandbox.SandboxMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the Lean settings into the spec REPL processes are started from, sandbox included. */
public final class ReplSpecs {
    private static final Logger LOG = LoggerFactory.getLogger(ReplSpecs.class);

    private ReplSpecs() {
    }

    /**
     * @param simulator the simulated REPL's command, used when {@code lean.simulate=true}
     * @throws dev.leanverify.repl.sandbox.SandboxUnavailableException when lean.sandbox=required
     *     and bubblewrap does not work here
     */
    public static ReplSpec from(LeanSettings s, SimulatorCommand simulator) {
        List<String> command = s.simulate() ? simulator.commandLine(s.simulator()) : s.replCommand();
        String version = s.simulate() ? "simulated"
                : s.leanVersion().equals("unknown") ? LeanVersionProbe.detect(s.replCommand(), s.projectDir())
                : s.leanVersion();
        return new ReplSpec(command, s.projectDir(), Map.of(), s.headerTimeout(), s.memoryLimitBytes(),
                s.addressSpaceLimitBytes(), Duration.ofMillis(100), s.maxResponseBytes(), 50, version, s.simulate(),
                sandbox(s.sandbox(), s.simulate()));
    }

    /**
     * Opens the sandbox and says in the log whether REPLs run in it: loudly when {@code auto}
     * found no working bubblewrap. The simulated REPL (a JVM) gets the JDK instead of the project.
     */
    public static Sandbox sandbox(SandboxConfig config, boolean simulated) {
        SandboxConfig effective = simulated ? config.withReadOnly(SimulatorSandbox.jdkPaths()) : config;
        Sandbox box = Sandbox.open(effective, !simulated);
        if (box.enabled()) {
            LOG.info(box.describe());
        } else if (config.mode() == SandboxMode.AUTO) {
            LOG.warn("!!! REPL sandbox NOT in use: {}. Untrusted Lean code will run with this verifier's rights"
                    + " (files, network, environment). Install the Debian package bubblewrap, or set"
                    + " lean.sandbox=off to say this is intended; results report sandboxed=false.",
                    box.disabledReason().orElse("unknown reason"));
        } else {
            LOG.info(box.describe());
        }
        return box;
    }
}
