package dev.leanverify.repl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the sandbox decides whether it can be used and what command line it builds. */
@Tag("integration")
class SandboxTest {
    private static final SandboxConfig MISSING = SandboxConfig.defaults(SandboxMode.AUTO)
            .withBwrap("/nonexistent/leanverify-test/bwrap");

    @TempDir
    Path dir;

    @Test
    void offPassesTheCommandThroughUnchanged() {
        Sandbox off = Sandbox.open(SandboxConfig.defaults(SandboxMode.OFF), true);

        assertThat(off.enabled()).isFalse();
        assertThat(off.wrap(List.of("lake", "env", "repl"), dir).command()).containsExactly("lake", "env", "repl");
    }

    @Test
    void autoWithoutBwrapIsDisabledAndSaysWhy() {
        Sandbox box = Sandbox.open(MISSING, true);

        assertThat(box.enabled()).isFalse();
        assertThat(box.disabledReason()).hasValueSatisfying(r -> assertThat(r).contains("/nonexistent/leanverify-test/bwrap"));
        assertThat(box.describe()).contains("OFF");
    }

    @Test
    void requiredWithoutBwrapRefusesInOneLineNamingThePackage() {
        SandboxConfig required = new SandboxConfig(SandboxMode.REQUIRED, MISSING.bwrap(), List.of(), List.of(),
                MISSING.scratchBytes(), MISSING.maxProcesses(), MISSING.fileSizeBytes(), MISSING.uidBase());

        assertThatThrownBy(() -> Sandbox.open(required, true)).isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("Debian package bubblewrap").hasMessageNotContaining("\n");
    }

    @Test
    void theWrappedCommandIsolatesAndHidesTheWorkingDirectoryWhenNotBound() {
        Sandbox box = Sandbox.open(SandboxConfig.defaults(SandboxMode.AUTO), false);
        Assumptions.assumeTrue(box.enabled(), () -> "SKIPPED: the REPL sandbox does not work here ("
                + box.disabledReason().orElse("?") + "); install the Debian package bubblewrap");

        Sandbox.Lease lease = box.wrap(List.of("/usr/bin/true"), dir);
        List<String> cmd = lease.command();
        lease.release().run();
        lease.release().run(); // idempotent

        assertThat(cmd).contains("--unshare-net", "--unshare-pid", "--die-with-parent", "--clearenv", "--core=0");
        assertThat(cmd).noneMatch(arg -> arg.contains(dir.toString()));
        assertThat(cmd.get(cmd.size() - 1)).isEqualTo("/usr/bin/true");
        int tmpfs = cmd.indexOf("--tmpfs");
        assertThat(cmd.get(tmpfs + 1)).isEqualTo("/tmp");
        assertThat(cmd.subList(tmpfs - 4, tmpfs)).containsExactly("--size", Long.toString(256L << 20), "--perms",
                "1777");
        assertThat(Collections.indexOfSubList(cmd, List.of("--setenv", "HOME", "/tmp"))).isPositive();
    }

    @Test
    void theProjectIsVisibleReadOnlyAndTheReplStartsThere() {
        Sandbox box = Sandbox.open(SandboxConfig.defaults(SandboxMode.AUTO), true);
        Assumptions.assumeTrue(box.enabled(), "SKIPPED: the REPL sandbox does not work here");

        List<String> cmd = box.wrap(List.of("/usr/bin/true"), dir).command();

        assertThat(Collections.indexOfSubList(cmd, List.of("--ro-bind", dir.toString(), dir.toString()))).isPositive();
        assertThat(Collections.indexOfSubList(cmd, List.of("--chdir", dir.toString()))).isPositive();
    }
}
