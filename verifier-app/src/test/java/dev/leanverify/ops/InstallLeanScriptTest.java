package dev.leanverify.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs ops/install-lean.sh for real, with stand-ins for what needs the internet: curl hands out
 * a fake elan installer, whose elan and lake only create the files the real ones would, and the
 * REPL is cloned from a local repository (git's insteadOf) with the same tags as upstream. What
 * is tested is the script's own logic: order, version checks, idempotence and --check.
 */
@Tag("integration")
class InstallLeanScriptTest {
    static final String TOOLCHAIN = "leanprover/lean4:v4.33.0-rc2";
    static final String OTHER_TOOLCHAIN = "leanprover/lean4:v4.34.0";

    @TempDir
    Path tmp;
    Path prefix;
    Path log;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void fakes() throws Exception {
        assumeTrue(DeploymentFilesTest.onPath("bash") && DeploymentFilesTest.onPath("git"),
                "bash and git are needed to run ops/install-lean.sh");
        prefix = tmp.resolve("lean");
        log = tmp.resolve("calls.log");
        Files.createFile(log);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        script(bin.resolve("curl"), """
                #!/usr/bin/env bash
                # fake curl: every download is the fake elan installer
                out=""; url=""
                while [[ $# -gt 0 ]]; do
                  case "$1" in -o) out="$2"; shift 2 ;; --retry) shift 2 ;; -*) shift ;; *) url="$1"; shift ;; esac
                done
                echo "curl $url" >>"$FAKE_LOG"
                cp "$FAKE_DIR/elan-init.sh" "$out"
                """);
        script(tmp.resolve("elan-init.sh"), """
                echo "elan-init $*" >>"$FAKE_LOG"
                mkdir -p "$ELAN_HOME/bin"
                cp "$FAKE_DIR/elan" "$FAKE_DIR/lake" "$ELAN_HOME/bin/"
                """);
        script(tmp.resolve("elan"), """
                #!/usr/bin/env bash
                list="$ELAN_HOME/toolchains"
                case "$1 $2" in
                  "--version "*) echo "elan 0.0.0 (fake)" ;;
                  "toolchain list") if [[ -s "$list" ]]; then cat "$list"; else echo "no installed toolchains"; fi ;;
                  "toolchain install") echo "elan toolchain install $3" >>"$FAKE_LOG"; echo "$3" >>"$list" ;;
                  *) echo "fake elan: unexpected $*" >&2; exit 2 ;;
                esac
                """);
        script(tmp.resolve("lake"), """
                #!/usr/bin/env bash
                echo "lake $* in $PWD" >>"$FAKE_LOG"
                case "$*" in
                  build)
                    if grep -q 'name = "REPL"' lakefile.toml; then
                      mkdir -p .lake/build/bin && printf '#!/bin/sh\\n' >.lake/build/bin/repl && chmod +x .lake/build/bin/repl
                    fi ;;
                  update)
                    mkdir -p .lake/packages/mathlib
                    echo "${FAKE_MATHLIB_TOOLCHAIN:-$(cat lean-toolchain)}" >.lake/packages/mathlib/lean-toolchain ;;
                  "exe cache get")
                    mkdir -p .lake/packages/mathlib/.lake/build/lib/lean
                    touch .lake/packages/mathlib/.lake/build/lib/lean/Mathlib.olean ;;
                  *) echo "fake lake: unexpected $*" >&2; exit 2 ;;
                esac
                """);
        Path origin = Files.createDirectories(tmp.resolve("repl-origin"));
        git(origin, "init", "--quiet");
        Files.writeString(origin.resolve("lakefile.toml"), "name = \"REPL\"\n");
        commitToolchain(origin, TOOLCHAIN, "v4.33.0-rc2");
        commitToolchain(origin, OTHER_TOOLCHAIN, "v4.34.0");
        Files.writeString(tmp.resolve("gitconfig"), "[url \"" + origin.toUri() + "\"]\n"
                + "\tinsteadOf = https://github.com/leanprover-community/repl.git\n");
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void commitToolchain(Path repo, String toolchain, String tag) throws Exception {
        Files.writeString(repo.resolve("lean-toolchain"), toolchain + "\n");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", tag);
        git(repo, "tag", tag);
    }

    private void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    }

    Run install(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash",
                DeploymentFiles.root().resolve("ops/install-lean.sh").toString(), "--prefix", prefix.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ELAN") || k.startsWith("GIT_") || k.startsWith("FAKE_"));
        env.put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("GIT_CONFIG_GLOBAL", tmp.resolve("gitconfig").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("FAKE_LOG", log.toString());
        env.put("FAKE_DIR", tmp.toString());
        env.putAll(extraEnv);
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("install-lean.sh finishes").isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
    }

    Run install(String... args) throws Exception {
        return install(Map.of(), args);
    }

    String takeLog() throws IOException {
        String calls = Files.readString(log);
        Files.writeString(log, "");
        return calls;
    }

    @Test
    void installsEveryPieceInOrderThenSkipsThemAllOnASecondRun() throws Exception {
        Run first = install("--mathlib");

        assertThat(first.exitCode()).as(first.err()).isZero();
        Path repl = prefix.resolve("repl");
        Path project = prefix.resolve("mathlib-project");
        assertThat(takeLog().lines()).containsExactly(
                "curl https://elan.lean-lang.org/elan-init.sh",
                "elan-init -y --default-toolchain none --no-modify-path",
                "elan toolchain install " + TOOLCHAIN,
                "lake build in " + repl,
                "lake update in " + project,
                "lake exe cache get in " + project,
                "lake build in " + project);
        assertThat(first.out()).contains("lean.repl.command=lake env " + repl.resolve(".lake/build/bin/repl"),
                "lean.project.dir=" + project, "export ELAN_HOME=" + prefix.resolve("elan"));
        assertThat(Files.readString(project.resolve("lakefile.toml"))).contains("rev = \"v4.33.0-rc2\"");
        assertThat(Files.readString(project.resolve("lean-toolchain")).strip()).isEqualTo(TOOLCHAIN);

        Run second = install("--mathlib");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(takeLog()).as("nothing downloaded or built again").isEmpty();
        assertThat(second.err()).contains("skipping");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void checkSaysWhatIsMissingAndSucceedsOnlyWhenComplete() throws Exception {
        Run empty = install("--check");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.out()).contains("elan:       MISSING", "toolchain:  MISSING", "repl:       MISSING");
        assertThat(Files.exists(prefix)).as("--check installs nothing").isFalse();

        assertThat(install().exitCode()).isZero();
        Run core = install("--check");
        assertThat(core.exitCode()).as(core.out()).isZero();
        assertThat(core.out()).contains("repl:       ok", "mathlib:    not installed",
                "lean.project.dir=" + prefix.resolve("repl"));
        assertThat(install("--check", "--mathlib").exitCode()).isEqualTo(1);
        assertThat(install("--check", "--repl-ref", "v4.34.0").out()).contains("repl:       NOT at ref v4.34.0");
    }

    @Test
    void refusesAReplRefBuiltForAnotherToolchain() throws Exception {
        Run run = install("--repl-ref", "v4.34.0");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("builds with " + OTHER_TOOLCHAIN + ", not " + TOOLCHAIN);
        assertThat(prefix.resolve("repl/.lake/build/bin/repl")).doesNotExist();
    }

    @Test
    void refusesAMathlibBuiltForAnotherToolchainAndDoesNotCallItInstalled() throws Exception {
        Run run = install(Map.of("FAKE_MATHLIB_TOOLCHAIN", OTHER_TOOLCHAIN), "--mathlib");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Mathlib v4.33.0-rc2 builds with " + OTHER_TOOLCHAIN);
        assertThat(install("--check", "--mathlib").exitCode()).isEqualTo(1);
    }

    @Test
    void anotherToolchainInstallsItAndRebuildsTheReplAtItsTag() throws Exception {
        assertThat(install().exitCode()).isZero();
        takeLog();

        Run run = install("--toolchain", "v4.34.0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(takeLog().lines()).containsExactly(
                "elan toolchain install " + OTHER_TOOLCHAIN,
                "lake build in " + prefix.resolve("repl"));
        assertThat(install("--toolchain", OTHER_TOOLCHAIN, "--check").exitCode()).isZero();
        assertThat(install("--check").exitCode()).as("the old ref is no longer what is built").isEqualTo(1);
    }

    @Test
    void helpAndUnknownOptions() throws Exception {
        Run help = install("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--toolchain", "--repl-ref", "--mathlib", "--check", TOOLCHAIN);

        Run bad = install("--no-such-option");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown option '--no-such-option'");
    }
}
