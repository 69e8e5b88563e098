package dev.leanverify.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.service.VerifierService;
import dev.leanverify.testing.EmbeddedStack;
import dev.leanverify.testing.GoedelSet;
import dev.leanverify.tools.ProofPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verdict cache through a real broker (embedded KRaft) and the simulated REPL (a test double
 * for Lean): repeats of the Goedel set are answered from the cache with Lean's verdicts, one
 * result per proof, and the store survives the instance: a new instance with an empty state
 * directory restores it from its changelog and still answers the repeats.
 */
@Tag("integration")
class VerdictCacheIntegrationTest {
    private static EmbeddedStack stack;

    @BeforeAll
    static void startBroker() {
        stack = EmbeddedStack.start();
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, dev.leanverify.schema.VerificationResult> round(Map<String, String> settings,
                                                                                List<GoedelSet.Proof> proofs,
                                                                                String round, int expectedTotal) {
        List<byte[][]> records = new ArrayList<>();
        for (GoedelSet.Proof p : proofs) {
            records.add(new byte[][] {null, ProofPayloads.json(round + "/" + p.name(), p.code(), null, false, null,
                    Map.of("round", round))});
        }
        stack.send(settings.get("topics.proofs"), records);
        List<ConsumerRecord<byte[], byte[]>> read = stack.readCommitted(settings.get("topics.results"),
                r -> r.size() >= expectedTotal, Duration.ofMinutes(3), Duration.ofSeconds(1));
        Map<String, dev.leanverify.schema.VerificationResult> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            assertThat(byId.put(new String(r.key(), StandardCharsets.UTF_8), stack.result(r)))
                    .as("one result per id").isNull();
        }
        assertThat(byId).hasSize(expectedTotal);
        return byId;
    }

    @Test
    void repeatsAreAnsweredFromTheCacheAndTheCacheSurvivesANewInstance() {
        Map<String, String> settings = stack.settings("verdict-cache");
        List<GoedelSet.Proof> proofs = GoedelSet.load().subList(0, 24);
        VerifierService first = stack.startVerifier(settings);

        round(settings, proofs, "a", proofs.size());
        Map<String, dev.leanverify.schema.VerificationResult> afterB = round(settings, proofs, "b", 2 * proofs.size());
        double hitsBefore = first.registry().get("leanverify.verdict.cache.hits").counter().count();
        first.close(Duration.ofSeconds(30));

        VerifierService second = stack.startVerifier(settings); // a fresh state directory: the store comes from its changelog
        Map<String, dev.leanverify.schema.VerificationResult> all = round(settings, proofs, "c", 3 * proofs.size());

        int cacheable = 0;
        for (GoedelSet.Proof p : proofs) {
            var a = all.get("a/" + p.name());
            var b = afterB.get("b/" + p.name());
            var c = all.get("c/" + p.name());
            if (!Set.of("hit", "miss").contains(String.valueOf(a.getVerdictCache()))) {
                continue; // TIMEOUT, crash...: not cached
            }
            cacheable++;
            assertThat(b.getVerdictCache()).as(p.name()).isEqualTo("hit");
            assertThat(c.getVerdictCache()).as(p.name() + " after the restart").isEqualTo("hit");
            for (var r : List.of(b, c)) {
                assertThat(r.getStatus()).as(p.name()).isEqualTo(a.getStatus());
                assertThat(r.getMessages()).as(p.name()).isEqualTo(a.getMessages());
                assertThat(r.getMetadata()).containsKey("round");
            }
        }
        assertThat(cacheable).isGreaterThan(proofs.size() / 2);
        assertThat(hitsBefore).isEqualTo(cacheable);
        assertThat(second.registry().get("leanverify.verdict.cache.hits").counter().count()).isEqualTo(cacheable);
        assertThat(second.registry().get("leanverify.verdict.cache.lean.saved.seconds").counter().count())
                .isGreaterThanOrEqualTo(0.0);
    }
}
