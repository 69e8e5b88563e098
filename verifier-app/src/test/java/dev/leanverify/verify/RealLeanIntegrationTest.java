package dev.leanverify.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.repl.CommandLineSplitter;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.ReplLauncher;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.protocol.ReplJson;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs against a real Lean REPL when LEAN_REPL_COMMAND (and LEAN_PROJECT_DIR) are set, e.g. after
 * ops/install-lean.sh: LEAN_REPL_COMMAND="lake env /opt/lean/repl/.lake/build/bin/repl"
 * LEAN_PROJECT_DIR=/opt/lean/repl. Skipped with a message otherwise (no Lean can be installed on
 * the machines this project is built on). Uses Lean core only, no Mathlib.
 */
@Tag("integration")
class RealLeanIntegrationTest {
    private ProofVerifier verifier;

    @BeforeEach
    void start() {
        String command = System.getenv("LEAN_REPL_COMMAND");
        assumeTrue(command != null && !command.isBlank(),
                "skipped: no real Lean REPL configured; set LEAN_REPL_COMMAND (and LEAN_PROJECT_DIR) to run this test,"
                        + " e.g. after ops/install-lean.sh");
        String dir = System.getenv().getOrDefault("LEAN_PROJECT_DIR", ".");
        ReplSpec spec = ReplSpec.of(CommandLineSplitter.split(command), Path.of(dir).toAbsolutePath())
                .withHeaderTimeout(Duration.ofMinutes(5)).withVersion("real", false);
        verifier = new ProofVerifier(new ReplPool(PoolConfig.defaults(),
                new ReplLauncher(spec, new ReplJson(), Ticker.systemTicker(), "real-lean")),
                new HeaderSplitter(false), new VerifierLimits(Duration.ofSeconds(60), Duration.ofSeconds(60)), "real",
                Ticker.systemTicker());
    }

    @AfterEach
    void stop() {
        if (verifier != null) {
            verifier.close();
        }
    }

    @Test
    void aValidProofVerifies() {
        VerificationReport r = verifier.verify(ProofJob.of("valid", "theorem two_two : 2 + 2 = 4 := by decide"));

        assertThat(r.status()).as(r.error()).isEqualTo(ProofStatus.VERIFIED);
    }

    @Test
    void aWrongProofIsALeanErrorPositionedInTheSubmittedFile() {
        VerificationReport r = verifier.verify(ProofJob.of("error", "import Lean\n\ntheorem bad : 2 + 2 = 5 := by decide"));

        assertThat(r.status()).isEqualTo(ProofStatus.LEAN_ERROR);
        assertThat(r.messages()).anySatisfy(m -> {
            assertThat(m.severity()).isEqualTo("error");
            assertThat(m.pos().line()).isEqualTo(3);
        });
    }

    @Test
    void aSorryIsIncomplete() {
        VerificationReport r = verifier.verify(ProofJob.of("sorry", "theorem s (n : Nat) : n = n := by\n  sorry"));

        assertThat(r.status()).isEqualTo(ProofStatus.SORRY);
        assertThat(r.sorries()).singleElement().satisfies(s -> assertThat(s.pos().line()).isEqualTo(2));
    }

    @Test
    void aRunawayProofTimesOutAndTheNextOneWorks() {
        VerificationReport r = verifier.verify(new ProofJob("loop",
                "partial def spin (n : Nat) : Nat := spin (n + 1)\n\n#eval spin 0", Duration.ofSeconds(5), false, null,
                java.util.Map.of()));

        assertThat(r.status()).isEqualTo(ProofStatus.TIMEOUT);
        assertThat(verifier.verify(ProofJob.of("after", "theorem t : True := trivial")).status())
                .isEqualTo(ProofStatus.VERIFIED);
    }
}
