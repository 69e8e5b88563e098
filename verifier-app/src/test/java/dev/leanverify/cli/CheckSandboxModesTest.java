package dev.leanverify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.repl.sandbox.Sandbox;
import dev.leanverify.repl.sandbox.SandboxConfig;
import dev.leanverify.repl.sandbox.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lean.sandbox} as a user meets it through {@code leanverify check --simulate} (the
 * simulated REPL, a test double for Lean, runs in the sandbox like Lean would). A missing bwrap is
 * simulated with {@code lean.sandbox.bwrap} naming a file that does not exist.
 */
@Tag("integration")
class CheckSandboxModesTest {
    private static final String MISSING_BWRAP = "lean.sandbox.bwrap=/nonexistent/leanverify-test/bwrap";

    @TempDir
    Path dir;

    private Path proof() throws Exception {
        Path good = dir.resolve("good.lean");
        Files.writeString(good, "theorem t : True := trivial\n");
        return good;
    }

    @Test
    void requiredWithoutBubblewrapRefusesToStartWithOneLineNamingThePackage() throws Exception {
        CheckCommandTest.Run run = CheckCommandTest.run("check", "--simulate", "--json",
                "--set", "lean.sandbox=required", "--set", MISSING_BWRAP, proof().toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).isEmpty();
        List<String> errors = Arrays.stream(run.err().split("\n")).filter(l -> l.startsWith("leanverify:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("lean.sandbox=required", "/nonexistent/leanverify-test/bwrap",
                "Debian package bubblewrap");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void autoWithoutBubblewrapStillVerifiesAndMarksResultsUnsandboxed() throws Exception {
        CheckCommandTest.Run run = CheckCommandTest.run("check", "--simulate", "--json",
                "--set", MISSING_BWRAP, proof().toString());

        JsonNode result = new ObjectMapper().readTree(run.out().strip());
        assertThat(result.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(result.get("sandboxed").asBoolean(true)).isFalse();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void offMarksResultsUnsandboxed() throws Exception {
        CheckCommandTest.Run run = CheckCommandTest.run("check", "--simulate", "--json",
                "--set", "lean.sandbox=off", proof().toString());

        JsonNode result = new ObjectMapper().readTree(run.out().strip());
        assertThat(result.get("sandboxed").asBoolean(true)).isFalse();
        assertThat(result.get("status").asText()).isEqualTo("VERIFIED");
    }

    @Test
    void autoWithWorkingBubblewrapVerifiesInTheSandboxAndSaysSo() throws Exception {
        Sandbox probe = Sandbox.open(SandboxConfig.defaults(SandboxMode.AUTO), false);
        Assumptions.assumeTrue(probe.enabled(), () -> "SKIPPED: the REPL sandbox does not work here ("
                + probe.disabledReason().orElse("?") + "); install the Debian package bubblewrap");

        CheckCommandTest.Run run = CheckCommandTest.run("check", "--simulate", "--json", proof().toString());

        JsonNode result = new ObjectMapper().readTree(run.out().strip());
        assertThat(result.get("status").asText()).as(run.err()).isEqualTo("VERIFIED");
        assertThat(result.get("sandboxed").asBoolean(false)).isTrue();
    }

    @Test
    void anUnknownModeIsALoudConfigurationError() throws Exception {
        CheckCommandTest.Run run = CheckCommandTest.run("check", "--simulate", "--set", "lean.sandbox=maybe",
                proof().toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("lean.sandbox", "maybe", "auto", "required", "off");
    }
}
