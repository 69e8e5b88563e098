package dev.leanverify.verify.strict;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.config.StrictSettings;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.testing.SimRepls;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.VerifierLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A REPL process (a small shell script standing in for Lean) that accepts the proof and then
 * answers the verifier's own queries badly: the proof is never VERIFIED.
 */
@Tag("integration")
class FailClosedReplyTest {
    @TempDir
    Path dir;

    /** A REPL that answers the header and the body with fresh environments, then every request with {@code reply}. */
    private ReplSpec scripted(String reply) throws Exception {
        Path script = dir.resolve("repl.sh");
        Files.writeString(script, """
                #!/bin/bash
                n=0
                while true; do
                  req=""
                  while IFS= read -r line; do
                    [ -z "$line" ] && break
                    req="$req$line"
                  done
                  [ -z "$req" ] && exit 0
                  if [ $n -lt 2 ]; then echo "{\\"env\\": $n}"; else cat <<'EOF'
                %s
                EOF
                  fi
                  echo
                  n=$((n+1))
                done
                """.formatted(reply));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return SimRepls.withCommand(SimRepls.spec(), List.of(script.toString()));
    }

    private VerificationReport verify(String reply) throws Exception {
        ReplSpec spec = scripted(reply);
        Duration t = Duration.ofSeconds(10);
        try (ProofVerifier v = new ProofVerifier(new ReplPool(PoolConfig.defaults(), SimRepls.launcher(spec, "fc")),
                new HeaderSplitter(false), new VerifierLimits(t, t), "scripted", Ticker.systemTicker(),
                new StrictChecker(StrictSettings.defaults()))) {
            return v.verify(ProofJob.strict("p", "import Mathlib\n\ntheorem t : True := trivial\n", null));
        }
    }

    @Test
    void aCleanAnswerPasses() throws Exception {
        VerificationReport r = verify("{\"env\": 2, \"messages\": [{\"severity\": \"info\", \"pos\": {\"line\": 1,"
                + " \"column\": 0}, \"data\": \"'t' does not depend on any axioms\"}]}");
        assertThat(r.status()).as(r.error()).isEqualTo(ProofStatus.VERIFIED);
    }

    @Test
    void twoAnswersForOneQueryAreUnsound() throws Exception {
        String answer = "{\"severity\": \"info\", \"pos\": {\"line\": 1, \"column\": 0}, \"data\": \"'t' does not"
                + " depend on any axioms\"}";
        VerificationReport r = verify("{\"env\": 2, \"messages\": [" + answer + ", " + answer + "]}");
        assertThat(r.status()).isEqualTo(ProofStatus.UNSOUND);
        assertThat(r.error()).isEqualTo("axioms: no readable answer for t (2 messages instead of one)");
    }

    @Test
    void noAnswerOrAnAnswerOnAnotherLineIsUnsound() throws Exception {
        assertThat(verify("{\"env\": 2}").error()).isEqualTo("axioms: no readable answer for t (no answer)");
        VerificationReport stray = verify("{\"env\": 2, \"messages\": [{\"severity\": \"info\", \"pos\": {\"line\": 7,"
                + " \"column\": 0}, \"data\": \"'t' does not depend on any axioms\"}]}");
        assertThat(stray.status()).isEqualTo(ProofStatus.UNSOUND);
        assertThat(stray.error()).startsWith("axioms: an answer nobody asked for");
    }

    @Test
    void aRefusedQueryIsAnInternalErrorNotAPass() throws Exception {
        VerificationReport r = verify("{\"message\": \"Unknown environment.\"}");
        assertThat(r.status()).isEqualTo(ProofStatus.INTERNAL_ERROR);
        assertThat(r.error()).contains("Unknown environment.");
    }
}
