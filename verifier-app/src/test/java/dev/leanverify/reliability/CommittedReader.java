package dev.leanverify.reliability;

import dev.leanverify.schema.VerificationResult;
import dev.leanverify.stream.RecordHeaders;
import dev.leanverify.codec.output.AvroJsonReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads result and dead-letter topics read_committed from the beginning into a {@link Ledger},
 * a poll at a time, so that a scenario can act (kill, restart, stop) between polls as results
 * come in. Uses no consumer group: it assigns every partition itself.
 */
final class CommittedReader implements AutoCloseable {
    /** Dead letters go into the ledger under their key with this prefix (a duplicate's key is its id). */
    static final String DLQ = "dlq:";
    private static final Duration POLL = Duration.ofMillis(200);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Ledger ledger;
    private final List<String> resultTopics = new ArrayList<>();
    private final AvroJsonReader json = new AvroJsonReader();

    /**
     * @param resultTopics topics of VerificationResult JSON keyed by proof id
     * @param dlqTopic     dead-letter topic (its records count as {@code dlq:KEY}, with their reason), or null
     */
    CommittedReader(String bootstrapServers, Ledger ledger, List<String> resultTopics, String dlqTopic) {
        this.ledger = ledger;
        this.resultTopics.addAll(resultTopics);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<String> topics = new ArrayList<>(resultTopics);
        if (dlqTopic != null) {
            topics.add(dlqTopic);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** One poll: whatever arrives goes into the ledger. */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
            String key = r.key() == null ? "<no key>" : new String(r.key(), StandardCharsets.UTF_8);
            if (resultTopics.contains(r.topic())) {
                VerificationResult result = json.read(r.value(), VerificationResult.class,
                        VerificationResult.getClassSchema());
                ledger.record(key, new Ledger.Outcome(result.getStatus().name(), result.getVerifierInstance(),
                        (result.getError() == null ? "" : abbreviate(result.getError()))
                                + ("hit".equals(result.getVerdictCache()) ? " [verdict cache hit]" : "")));
            } else {
                String reason = RecordHeaders.get(r.headers(), RecordHeaders.DLQ_REASON);
                ledger.record(DLQ + key, new Ledger.Outcome("DLQ:" + reason,
                        RecordHeaders.get(r.headers(), RecordHeaders.DLQ_INSTANCE),
                        abbreviate(String.valueOf(RecordHeaders.get(r.headers(), RecordHeaders.DLQ_ERROR)))));
            }
        }
    }

    /**
     * Polls until {@code done} holds, running {@code between} after every poll (where a
     * scenario acts); fails after {@code timeout} with what the ledger shows.
     */
    void until(BooleanSupplier done, Duration timeout, Runnable between, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + ": "
                        + ledger.complete() + " of " + ledger.submitted() + " inputs have an outcome\n"
                        + ledger.problems());
            }
            poll();
            between.run();
        }
    }

    void until(BooleanSupplier done, Duration timeout, String what) {
        until(done, timeout, () -> { }, what);
    }

    /**
     * After every input has its outcome: reads on until this reader has reached the end of
     * every committed partition (the last stable offsets) and nothing more has come for
     * {@code quiet}, so that late duplicates are counted too.
     */
    void settle(Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietSince = System.nanoTime();
        int last = ledger.outcomes();
        while (System.nanoTime() < deadline) {
            poll();
            if (ledger.outcomes() != last) {
                last = ledger.outcomes();
                quietSince = System.nanoTime();
            }
            if (System.nanoTime() - quietSince >= quiet.toNanos() && atEnd()) {
                return;
            }
        }
        throw new AssertionError("results kept coming (or the reader lagged) for " + timeout.toSeconds() + " s");
    }

    private boolean atEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() <= 1000 ? flat : flat.substring(0, 1000) + "...";
    }

    @Override
    public void close() {
        consumer.close();
    }
}
