package dev.leanverify.verify.strict;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.config.StrictSettings;
import dev.leanverify.sim.SharedData;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.sim.SimulatedReplay;
import dev.leanverify.testing.SimRepls;
import dev.leanverify.tools.StatementFile;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.VerifierLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cheat corpus (../shared/data/cheats) through the verifier with strict mode and the simulated
 * REPL (a test double): every file gets its expected status, UNSOUND ones the expected layer; without
 * strict mode every UNSOUND one comes out VERIFIED (the hole strict mode closes).
 */
@Tag("integration")
class StrictCorpusTest {
    static Path manifest() {
        return SharedData.requireDataDir().resolve("cheats").resolve("manifest.jsonl");
    }

    private static ProofVerifier verifier(StrictSettings settings, String name) {
        ReplSpec spec = SimRepls.spec();
        Duration timeout = Duration.ofSeconds(10);
        return new ProofVerifier(new ReplPool(PoolConfig.defaults(), SimRepls.launcher(spec, name)),
                new HeaderSplitter(false), new VerifierLimits(timeout, timeout), spec.leanVersion(),
                Ticker.systemTicker(), new StrictChecker(settings));
    }

    @Test
    void everyCheatGetsItsExpectedStatusAndLayer() throws IOException {
        List<StatementFile.Entry> entries = StatementFile.read(manifest());
        assertThat(entries).hasSizeGreaterThanOrEqualTo(17);
        List<String> table = new ArrayList<>();
        table.add(String.format("%-26s %-10s %-10s %-10s %-10s %s", "file", "expect", "got", "layer", "got layer",
                "error (simulated Lean)"));
        SoftAssertions soft = new SoftAssertions();
        try (ProofVerifier v = verifier(StrictSettings.defaults(), "strict-corpus")) {
            for (StatementFile.Entry e : entries) {
                VerificationReport r = v.verify(ProofJob.strict(e.file().getFileName().toString(),
                        Files.readString(e.file(), StandardCharsets.UTF_8), e.statement()));
                String layer = r.soundness() == null || r.soundness().layer() == null ? "none"
                        : r.soundness().layer().wire();
                table.add(String.format("%-26s %-10s %-10s %-10s %-10s %s", e.file().getFileName(), e.field("expect"),
                        r.status(), e.field("layer"), layer, r.error() == null ? "" : r.error()));
                soft.assertThat(r.status().name()).as(e.file().getFileName() + ": " + r.error())
                        .isEqualTo(e.field("expect"));
                if (r.status() == ProofStatus.UNSOUND) {
                    soft.assertThat(layer).as(e.file().getFileName() + " layer").isEqualTo(e.field("layer"));
                    soft.assertThat(r.error()).as("one line").doesNotContain("\n");
                }
            }
        }
        System.out.println(String.join("\n", table));
        soft.assertAll();
    }

    @Test
    void withoutStrictModeTheCheatsComeOutVerified() throws IOException {
        try (ProofVerifier v = verifier(StrictSettings.defaults(), "non-strict-corpus")) {
            for (StatementFile.Entry e : StatementFile.read(manifest())) {
                if (!"UNSOUND".equals(e.field("expect"))) {
                    continue;
                }
                VerificationReport r = v.verify(new ProofJob(e.file().getFileName().toString(),
                        Files.readString(e.file(), StandardCharsets.UTF_8), null, false, null, java.util.Map.of(),
                        false, e.statement()));
                assertThat(r.status()).as(e.file().getFileName().toString()).isEqualTo(ProofStatus.VERIFIED);
                assertThat(r.soundness()).isNull();
            }
        }
    }

    @Test
    void theSkipKernelFindingIsReportedInSubmittedCoordinates() throws IOException {
        Path file = manifest().resolveSibling("skip_kernel.lean");
        try (ProofVerifier v = verifier(StrictSettings.defaults(), "skip-kernel")) {
            VerificationReport r = v.verify(ProofJob.strict("s", Files.readString(file), null));
            assertThat(r.error()).isEqualTo("forbidden: set_option debug.skipKernelTC at 4:0");
            assertThat(r.soundness().findings()).extracting(Soundness.Finding::toString)
                    .containsExactly("set_option debug.skipKernelTC at 4:0");
        }
    }

    @Test
    void theStandInReplayRefusesWhatTheFindingsLayerWouldOtherwiseCatch() throws IOException {
        Path file = manifest().resolveSibling("skip_kernel.lean");
        StrictSettings replayOnly = new StrictSettings(true, StrictSettings.defaults().allowedAxioms(), List.of(),
                SimulatedReplay.commandLine(), Duration.ofSeconds(60), 16);
        try (ProofVerifier v = verifier(replayOnly, "replay")) {
            VerificationReport r = v.verify(ProofJob.strict("s", Files.readString(file), "theorem t_skip (n : ℕ) : n + 1 > n"));
            assertThat(r.status()).isEqualTo(ProofStatus.UNSOUND);
            assertThat(r.soundness().layer()).isEqualTo(Layer.REPLAY);
            assertThat(r.error()).startsWith("kernel replay: exit 1: (kernel)");

            VerificationReport clean = v.verify(ProofJob.strict("c",
                    Files.readString(manifest().resolveSibling("clean_simp.lean")), null));
            assertThat(clean.status()).as(clean.error()).isEqualTo(ProofStatus.VERIFIED);
            assertThat(clean.soundness().replay()).isEqualTo("passed");
        }
    }
}
