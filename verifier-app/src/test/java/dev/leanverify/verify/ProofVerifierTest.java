package dev.leanverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.sim.SharedData;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.testing.GoedelSet;
import dev.leanverify.testing.SimRepls;
import dev.leanverify.testing.TranscriptCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier end to end over real processes: recorded verdicts and positions, header handling. */
@Tag("integration")
class ProofVerifierTest {
    private ProofVerifier verifier;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (verifier != null) {
            verifier.close();
        }
    }

    private ProofVerifier verifier(ReplSpec spec, Duration timeout) {
        verifier = new ProofVerifier(new ReplPool(PoolConfig.defaults(), SimRepls.launcher(spec, "verifier-test")),
                new HeaderSplitter(false), new VerifierLimits(timeout, timeout), spec.leanVersion(),
                Ticker.systemTicker());
        return verifier;
    }

    private static ReplSpec simulatorWithRecordings(double timeScale) {
        return SimRepls.spec(SimulatedReplCommand.defaults().withTimeScale(timeScale)
                .withRecordings(SharedData.requireDataDir()));
    }

    @Test
    void goedelProofsGetTheirRecordedVerdictsAndMessagesInFileCoordinates() {
        ProofVerifier v = verifier(simulatorWithRecordings(0.005), Duration.ofSeconds(3));
        List<GoedelSet.Proof> proofs = GoedelSet.load();
        int messages = 0;
        for (GoedelSet.Proof proof : proofs) {
            VerificationReport report = v.verify(ProofJob.of(proof.name(), proof.code()));

            assertThat(report.status()).as(proof.name() + ": " + report.error()).isEqualTo(proof.status());
            assertThat(report.messages()).as(proof.name()).hasSameSizeAs(proof.messages());
            String[] lines = proof.code().split("\n", -1);
            for (int i = 0; i < proof.messages().size(); i++) {
                GoedelSet.ExpectedMessage expected = proof.messages().get(i);
                Message actual = report.messages().get(i);
                assertThat(actual.data()).isEqualTo(expected.data());
                assertThat(actual.severity()).isEqualTo(expected.severity());
                assertThat(actual.pos().line()).as(proof.name() + " line").isEqualTo(expected.line());
                assertThat(actual.pos().column()).isEqualTo(expected.column());
                assertThat(lines[actual.pos().line() - 1].length()).as("the line exists and reaches the column")
                        .isGreaterThanOrEqualTo(actual.pos().column());
                messages++;
            }
        }
        System.out.printf("goedel replay: %d proofs, %d messages checked, pool %s%n", proofs.size(), messages,
                v.pool().stats());
        assertThat(proofs).hasSizeGreaterThanOrEqualTo(77);
        assertThat(v.pool().stats().hits()).as("one header, warm REPL reused").isGreaterThan(40);
    }

    @Test
    void transcriptCasesGetTheirRecordedVerdicts() {
        ProofVerifier v = verifier(simulatorWithRecordings(0.005), Duration.ofSeconds(10));
        List<TranscriptCases.Case> cases = TranscriptCases.load();
        for (TranscriptCases.Case c : cases) {
            VerificationReport report = v.verify(new ProofJob(c.name(), c.code(), null, c.allTactics(), c.infotree(),
                    java.util.Map.of()));

            assertThat(report.status()).as(c.name() + ": " + report.error()).isEqualTo(c.status());
            assertThat(report.messages()).as(c.name()).hasSameSizeAs(c.messages());
            for (int i = 0; i < c.messages().size(); i++) {
                assertThat(report.messages().get(i).data()).isEqualTo(c.messages().get(i).data());
                assertThat(report.messages().get(i).pos()).as(c.name()).isEqualTo(c.messages().get(i).pos());
            }
        }
        System.out.printf("transcript cases: %d checked%n", cases.size());
        assertThat(cases.size()).isGreaterThan(20);
    }

    @Test
    void sorriesAndTacticsAreShiftedBackPastTheHeader() {
        ProofVerifier v = verifier(SimRepls.spec(), Duration.ofSeconds(10));

        VerificationReport r = v.verify(new ProofJob("t", "import Mathlib\nimport Aesop\n\ntheorem t (n : Nat) : n = n := by\n"
                + "  skip\n  sorry", null, true, null, java.util.Map.of()));

        assertThat(r.status()).isEqualTo(ProofStatus.SORRY);
        assertThat(r.sorries()).hasSize(1);
        assertThat(r.sorries().get(0).pos().line()).isEqualTo(6);
        assertThat(r.sorries().get(0).pos().column()).isEqualTo(2);
        assertThat(r.tactics()).isNotEmpty();
        assertThat(r.tactics()).allSatisfy(t -> assertThat(t.pos().line()).isGreaterThanOrEqualTo(5));
        assertThat(r.headerCacheHit()).isFalse();
        assertThat(r.headerLoadNanos()).isNotNull();
        assertThat(v.verify(ProofJob.of("u", "import Mathlib\nimport Aesop\ntheorem u : True := trivial")).headerCacheHit())
                .isTrue();
    }

    @Test
    void errorsLeanReportsInTheHeaderPointAtTheImportLine() throws Exception {
        // A stand-in REPL (a shell script) that rejects every command the way Lean rejects an unknown import.
        Path script = dir.resolve("rejecting-repl.sh");
        Files.writeString(script, """
                #!/bin/sh
                while IFS= read -r line; do
                  [ -z "$line" ] && continue
                  printf '{"messages": [{"severity": "error", "pos": {"line": 2, "column": 0}, "data": "unknown module prefix '"'"'Brokn'"'"'"}], "env": 0}\\n\\n'
                done
                """);
        script.toFile().setExecutable(true);
        ProofVerifier v = verifier(SimRepls.withCommand(SimRepls.spec(), List.of(script.toString())), Duration.ofSeconds(5));

        VerificationReport r = v.verify(ProofJob.of("h", "-- header\nimport Mathlib\n\nimport Brokn\ntheorem t : True := trivial"));

        assertThat(r.status()).isEqualTo(ProofStatus.LEAN_ERROR);
        assertThat(r.error()).contains("import header failed");
        assertThat(r.messages()).singleElement().satisfies(m -> assertThat(m.pos().line()).isEqualTo(4));
        assertThat(v.pool().size()).isZero();
    }

    @Test
    void aReplThatCannotStartGivesInternalErrorNamingTheCommand() {
        ProofVerifier v = verifier(SimRepls.withCommand(SimRepls.spec(), List.of("/opt/missing/repl")), Duration.ofSeconds(5));

        VerificationReport r = v.verify(ProofJob.of("x", "theorem t : True := trivial"));

        assertThat(r.status()).isEqualTo(ProofStatus.INTERNAL_ERROR);
        assertThat(r.error()).contains("could not be started").contains("/opt/missing/repl");
    }

    @Test
    void everyFaultGetsItsStatusAndTheNextProofIsVerified() {
        ProofVerifier v = verifier(SimRepls.spec().withMemoryLimits(300L << 20, 0), Duration.ofSeconds(3));
        record Fault(String directive, ProofStatus status) {
        }
        for (Fault f : List.of(new Fault("crash", ProofStatus.REPL_CRASH), new Fault("hang", ProofStatus.TIMEOUT),
                new Fault("garbage", ProofStatus.REPL_CRASH), new Fault("partial", ProofStatus.REPL_CRASH),
                new Fault("memory-grow 500", ProofStatus.RESOURCE_LIMIT), new Fault("exit 0", ProofStatus.REPL_CRASH))) {
            long t0 = System.nanoTime();
            VerificationReport bad = v.verify(ProofJob.of(f.directive(), "-- sim: " + f.directive() + "\ntheorem t : True := trivial"));
            assertThat(bad.status()).as(f.directive() + ": " + bad.error()).isEqualTo(f.status());
            assertThat(bad.error()).as(f.directive()).isNotBlank();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(f.directive()).isLessThan(Duration.ofSeconds(5 + 1));

            VerificationReport next = v.verify(ProofJob.of("next", "theorem ok : True := trivial"));
            assertThat(next.status()).as("after " + f.directive()).isEqualTo(ProofStatus.VERIFIED);
            assertThat(next.headerCacheHit()).as("a fresh process after " + f.directive()).isFalse();
        }
    }
}
