package dev.leanverify.tools;

import dev.leanverify.schema.VerificationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads committed results (read_committed, from the start of the topic, no consumer group) and
 * keeps those a predicate wants (e.g. one run), until the expected number arrived or a timeout.
 */
public final class ResultCollector {
    private final Properties consumerProps;
    private final String topic;
    private final Deserializer<VerificationResult> deserializer;

    public ResultCollector(Properties consumerProps, String topic, Deserializer<VerificationResult> deserializer) {
        this.consumerProps = Objects.requireNonNull(consumerProps, "consumerProps");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    }

    /**
     * What was collected.
     *
     * @param results    one per proof id, in arrival order
     * @param duplicates results seen again for an id already collected (there should be none)
     * @param unreadable records that were not results (named by topic-partition@offset and why)
     * @param complete   whether the expected count was reached
     */
    public record Collected(List<VerificationResult> results, int duplicates, List<String> unreadable,
                            boolean complete, double seconds) {
    }

    /**
     * @param expected stop once this many results are in; -1 to read until the timeout or until
     *                 the end of the topic as it was at the start
     */
    public Collected collect(Predicate<VerificationResult> wanted, long expected, Duration timeout,
                             Consumer<VerificationResult> onResult) {
        Properties p = new Properties();
        p.putAll(consumerProps);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        Map<String, VerificationResult> byId = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        int duplicates = 0;
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    VerificationResult result;
                    try {
                        result = deserializer.deserialize(topic, r.value());
                    } catch (RuntimeException e) {
                        unreadable.add(r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
                        continue;
                    }
                    if (result == null || !wanted.test(result)) {
                        continue;
                    }
                    if (byId.putIfAbsent(result.getId(), result) != null) {
                        duplicates++;
                    } else {
                        onResult.accept(result);
                    }
                }
                if (expected >= 0 && byId.size() >= expected) {
                    break;
                }
                if (expected < 0 && caughtUp(consumer, endAtStart)) {
                    break;
                }
            }
        }
        return new Collected(new ArrayList<>(byId.values()), duplicates, unreadable,
                expected < 0 || byId.size() >= expected, (System.nanoTime() - start) / 1e9);
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
