package dev.leanverify.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.service.VerifierService;
import dev.leanverify.testing.EmbeddedStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exactly one committed result per input, checked with a read_committed consumer, when proofs
 * take longer than Kafka's default transaction timeout and when instances join and leave mid-run.
 */
@Tag("integration")
class ExactlyOnceIntegrationTest {
    /** Kafka Streams' default producer transaction timeout under exactly_once_v2. */
    private static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;
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

    private static byte[][] proof(String id, String directive) {
        // the id in a comment makes each text unique, so the verdict cache answers none of them
        String json = "{\"id\": \"" + id + "\", \"code\": \"-- sim: " + directive + "\\n-- " + id
                + "\\ntheorem t : True := trivial\","
                + " \"timeoutSeconds\": 30}";
        return new byte[][] {null, json.getBytes(StandardCharsets.UTF_8)};
    }

    private static Map<String, Integer> countById(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(r -> counts.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
        return counts;
    }

    @Test
    void proofsSlowerThanTheDefaultTransactionTimeoutAreCommittedOnce() {
        Map<String, String> settings = stack.settings("slow");
        VerifierService service = stack.startVerifier(settings);
        long transactionTimeout = service.app().tuning().transactionTimeoutMs();
        List<byte[][]> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(proof("slow-" + i, "sleep 12000"));
            records.add(proof("fast-" + i, "cost 10"));
        }

        long t0 = System.nanoTime();
        stack.send("slow.proofs", records);
        List<ConsumerRecord<byte[], byte[]>> results = stack.readCommitted("slow.results",
                read -> countById(read).size() >= records.size(), Duration.ofMinutes(3), Duration.ofSeconds(5));

        Map<String, Integer> counts = countById(results);
        assertThat(counts).hasSize(records.size());
        assertThat(counts.values()).allMatch(n -> n == 1);
        for (ConsumerRecord<byte[], byte[]> r : results) {
            assertThat(stack.result(r).getStatus()).isEqualTo(VerificationStatus.VERIFIED);
        }
        assertThat(transactionTimeout).isGreaterThan(2 * 12_000);
        System.out.printf("exactly-once, slow proofs: %d proofs (4 of 12 s each, default transaction timeout %d s),"
                        + " derived transaction.timeout.ms=%d, %d committed results, %d duplicated, %d missing, %.0f s%n",
                records.size(), DEFAULT_TRANSACTION_TIMEOUT_MS / 1000, transactionTimeout, results.size(),
                results.size() - counts.size(), records.size() - counts.size(), (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void instancesJoiningAndLeavingMidRunStillCommitEachResultOnce() {
        Map<String, String> settings = stack.settings("rebalance");
        settings.put("num.stream.threads", "1");
        stack.startVerifier(settings);
        List<byte[][]> records = new ArrayList<>();
        // 500 ms each, 30 s on one thread: long enough that the reader, which needs a few seconds to join
        // its group, sees the run in progress (at 250 ms the two-transaction path finished all 60
        // before the reader's first look, and the second instance joined after the end)
        for (int i = 0; i < 60; i++) {
            records.add(proof("p-" + i, "sleep 500"));
        }
        stack.send("rebalance.proofs", records);

        AtomicInteger phase = new AtomicInteger();
        VerifierService[] second = new VerifierService[1];
        long t0 = System.nanoTime();
        List<ConsumerRecord<byte[], byte[]>> results = stack.readCommitted("rebalance.results", read -> {
            int distinct = countById(read).size();
            if (phase.get() == 0 && distinct >= 10) {
                assertThat(distinct).as("results already committed when the second instance was to join mid-run")
                        .isLessThan(records.size());
                phase.set(1);
                second[0] = stack.startVerifier(settings); // joins: the group rebalances mid-run
            } else if (phase.get() == 1 && distinct >= 35) {
                phase.set(2);
                second[0].close(Duration.ofSeconds(30)); // leaves: another rebalance
            }
            return distinct >= records.size();
        }, Duration.ofMinutes(4), Duration.ofSeconds(5));

        Map<String, Integer> counts = countById(results);
        assertThat(phase.get()).isEqualTo(2);
        assertThat(counts).hasSize(records.size());
        assertThat(counts.values()).allMatch(n -> n == 1);
        long byOther = results.stream().map(stack::result)
                .filter(r -> r.getVerifierInstance().equals(second[0] == null ? "" : instanceOf(second[0]))).count();
        System.out.printf("exactly-once, rebalance: %d proofs, a second instance joined after 10 results and left"
                        + " after 35 (it verified %d); %d committed results, %d duplicated, %d missing, %.0f s%n",
                records.size(), byOther, results.size(), results.size() - counts.size(), records.size() - counts.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static String instanceOf(VerifierService service) {
        return service.app().settings().stream().instanceId();
    }
}
