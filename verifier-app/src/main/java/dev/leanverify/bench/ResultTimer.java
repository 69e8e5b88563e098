package dev.leanverify.bench;

import dev.leanverify.schema.VerificationResult;
import dev.leanverify.codec.output.JsonRecordSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a results topic as a trainer would (read_committed) on a thread of its own and notes when
 * each result became visible, for end-to-end latency. Results are kept by the {@code run_id} in
 * their metadata, so that a warm-up and the measured run can share the topic.
 */
final class ResultTimer implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Deserializer<VerificationResult> results = new JsonRecordSerde<>(VerificationResult.class,
            VerificationResult.getClassSchema()).deserializer();
    private final Map<String, Long> seenAtNanos = new HashMap<>();
    private final Map<String, List<VerificationResult>> byRun = new HashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private int duplicates;
    private boolean started;
    private volatile boolean stop;
    private volatile RuntimeException failure;

    ResultTimer(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.thread = new Thread(this::loop, "bench-results-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts reading from the beginning of the topic; returns once the consumer has its positions. */
    void start(Duration timeout) throws InterruptedException {
        started = true;
        thread.start();
        if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("could not start reading " + topic + " within " + timeout.toSeconds()
                    + " s" + (failure == null ? "" : ": " + failure.getMessage()));
        }
    }

    private void loop() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (!stop) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    VerificationResult result;
                    try {
                        result = results.deserialize(topic, r.value());
                    } catch (RuntimeException e) {
                        synchronized (this) {
                            unreadable.add(r.partition() + "@" + r.offset() + ": " + e.getMessage());
                        }
                        continue;
                    }
                    synchronized (this) {
                        if (seenAtNanos.putIfAbsent(result.getId(), now) == null) {
                            String run = result.getMetadata() == null ? "" : result.getMetadata().getOrDefault("run_id", "");
                            byRun.computeIfAbsent(run, k -> new ArrayList<>()).add(result);
                        } else {
                            duplicates++;
                        }
                        notifyAll();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            positioned.countDown();
            synchronized (this) {
                notifyAll();
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until {@code count} distinct results of run {@code runId} are in, at most {@code timeout}; true if they are. */
    synchronized boolean await(String runId, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (results(runId).size() < count) {
            if (failure != null) {
                throw new IllegalStateException("reading " + topic + " failed: " + failure.getMessage(), failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return true;
    }

    synchronized List<VerificationResult> results(String runId) {
        return List.copyOf(byRun.getOrDefault(runId, List.of()));
    }

    synchronized Map<String, Long> seenAtNanos() {
        return Map.copyOf(seenAtNanos);
    }

    synchronized int duplicates() {
        return duplicates;
    }

    synchronized List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    @Override
    public void close() {
        if (!started) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        stop = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
