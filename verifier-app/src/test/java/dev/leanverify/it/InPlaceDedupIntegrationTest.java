package dev.leanverify.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.stream.IdPlacement;
import dev.leanverify.testing.EmbeddedStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On a real broker with several partitions: every id is de-duplicated in one task whichever way
 * its copies come (keyed by id where Kafka's default partitioner puts it, unkeyed, keyed by id on
 * another partition), so each id gets exactly one committed result and every other copy a
 * {@code duplicate-id} dead letter; the by-id repartition topic has the proofs topic's partitions.
 */
@Tag("integration")
class InPlaceDedupIntegrationTest {
    private static final int PARTITIONS = 4;
    private static final int IDS = 24;
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

    private static byte[] proof(String id, int copy) {
        return ("{\"id\": \"" + id + "\", \"code\": \"-- sim: cost 5\\ntheorem t" + copy + " : True := trivial\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void copiesOfAnIdArrivingInPlaceUnkeyedAndMisplacedGetOneResult() throws Exception {
        Map<String, String> settings = stack.settings("inplace");
        settings.put("topics.partitions", Integer.toString(PARTITIONS));
        stack.startVerifier(settings);

        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = stack.producer()) {
            for (int i = 0; i < IDS; i++) {
                String id = "id-" + i;
                byte[] key = id.getBytes(StandardCharsets.UTF_8);
                int home = IdPlacement.partition(id, PARTITIONS);
                var inPlace = new ProducerRecord<>("inplace.proofs", key, proof(id, 0));
                var unkeyed = new ProducerRecord<byte[], byte[]>("inplace.proofs", null, proof(id, 1));
                var misplaced = new ProducerRecord<>("inplace.proofs", (home + 1 + i % (PARTITIONS - 1)) % PARTITIONS,
                        key, proof(id, 2));
                // the order varies with the id: each way is sometimes the first to arrive
                List<ProducerRecord<byte[], byte[]>> order = switch (i % 3) {
                    case 0 -> List.of(inPlace, unkeyed, misplaced);
                    case 1 -> List.of(unkeyed, misplaced, inPlace);
                    default -> List.of(misplaced, inPlace, unkeyed);
                };
                order.forEach(r -> acks.add(producer.send(r)));
            }
            for (Future<RecordMetadata> f : acks) {
                f.get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<byte[], byte[]>> results = stack.readCommitted("inplace.results",
                read -> read.size() >= IDS, Duration.ofMinutes(3), Duration.ofSeconds(5));
        List<ConsumerRecord<byte[], byte[]>> dead = stack.readCommitted("inplace.dlq",
                read -> read.size() >= 2 * IDS, Duration.ofMinutes(2), Duration.ofSeconds(3));

        Map<String, Integer> counts = new HashMap<>();
        results.forEach(r -> counts.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
        assertThat(counts).hasSize(IDS);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(dead).hasSize(2 * IDS).allMatch(r -> "duplicate-id".equals(header(r, "leanverify.dlq.reason")));
        Map<String, Integer> deadById = new HashMap<>();
        dead.forEach(r -> deadById.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
        assertThat(deadById).hasSize(IDS);
        assertThat(deadById.values()).allMatch(n -> n == 2);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            String byId = "it-inplace-proofs-by-id-repartition";
            assertThat(admin.describeTopics(List.of(byId)).allTopicNames().get(30, TimeUnit.SECONDS).get(byId)
                    .partitions()).hasSize(PARTITIONS);
        }
        System.out.printf("in-place de-duplication: %d ids x 3 copies (in place, unkeyed, misplaced) over %d partitions:"
                + " %d committed results, %d duplicate-id dead letters%n", IDS, PARTITIONS, results.size(), dead.size());
    }
}
