package dev.leanverify.bench;

import dev.leanverify.routing.HeaderAffinityPartitioner;
import dev.leanverify.tools.ProofPayloads;
import dev.leanverify.tools.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces a workload's proofs as JSON requests, as fast as it can or at a fixed rate, and notes
 * when each was handed to the producer (the start of its end-to-end latency).
 */
final class LoadGenerator {
    private final String bootstrapServers;
    private final String topic;
    private final boolean partitionByHeader;

    /**
     * @param partitionByHeader produce with the header-affinity partitioner (what producers do when
     *                          the verifier runs with routing.repartition=false); else by proof id hash
     */
    LoadGenerator(String bootstrapServers, String topic, boolean partitionByHeader) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitionByHeader = partitionByHeader;
    }

    /**
     * Sends every proof, its id prefixed with {@code runId + "/"} (ids are unique per attempt, and
     * the verifier drops repeated ones), waits for every acknowledgement, and returns the send
     * times ({@link System#nanoTime()}) by the ids sent.
     *
     * @param ratePerSecond 0 for as fast as possible
     * @throws IllegalStateException when a send fails (the run would be incomplete)
     */
    Map<String, Long> send(Workload workload, String runId, double ratePerSecond) throws InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, ratePerSecond > 0 ? 0 : 5);
        if (partitionByHeader) {
            p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, HeaderAffinityPartitioner.class.getName());
        }
        RateLimiter limiter = ratePerSecond > 0 ? new RateLimiter(ratePerSecond) : null;
        Map<String, Long> sentAt = new HashMap<>(workload.size() * 2);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Map<String, String> metadata = Map.of("run_id", runId);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Workload.Proof proof : workload.proofs()) {
                if (limiter != null) {
                    limiter.acquire();
                }
                String id = runId + "/" + proof.id();
                byte[] value = ProofPayloads.json(id, proof.code(), null, false, null, metadata);
                sentAt.put(id, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value),
                        (meta, error) -> {
                            if (error != null) {
                                failed.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a proof could not be sent to " + topic + ": " + failed.get().getMessage(),
                    failed.get());
        }
        return sentAt;
    }
}
