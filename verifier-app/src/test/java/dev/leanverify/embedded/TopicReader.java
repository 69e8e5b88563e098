package dev.leanverify.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning to its current end (the last stable offset under
 * read_committed), without a consumer group, failing if the end is not reached in time.
 */
final class TopicReader {
    private TopicReader() {
    }

    static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, String topic, Duration timeout) {
        return read(bootstrap, topic, timeout, new StringDeserializer(), new StringDeserializer());
    }

    static List<ConsumerRecord<String, byte[]>> readCommittedBytes(String bootstrap, String topic, Duration timeout) {
        return read(bootstrap, topic, timeout, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static <K, V> List<ConsumerRecord<K, V>> read(String bootstrap, String topic, Duration timeout,
            Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            while (!partitions.stream().allMatch(tp -> consumer.position(tp, timeout) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not read " + topic + " to its end " + end + " within " + timeout
                            + "; read " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
