package dev.leanverify.tools;

import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.registry.SchemaRegistry;
import dev.leanverify.routing.HeaderAffinityPartitioner;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Produces a dataset's proofs to the proofs topic: ids prefixed and the run id stamped into the
 * metadata, partitioned by import header (so the verifier's REPLs stay warm), rate-limited if
 * asked, every acknowledgement awaited and every failed send reported by proof.
 */
public final class ProofSubmitter {
    private final Properties producerProps;
    private final SchemaRegistry registry;

    /** @param registry needed only for Avro submissions (may be null otherwise) */
    public ProofSubmitter(Properties producerProps, SchemaRegistry registry) {
        this.producerProps = Objects.requireNonNull(producerProps, "producerProps");
        this.registry = registry;
    }

    public SubmitReport submit(Dataset dataset, SubmitOptions options, Progress progress) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(producerProps);
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
        props.putIfAbsent(ProducerConfig.PARTITIONER_CLASS_CONFIG, HeaderAffinityPartitioner.class.getName());
        if (options.avro() && registry == null) {
            throw new IllegalArgumentException("Avro submission needs a schema registry (--registry URL)");
        }
        Serializer<Object> values = valueSerializer(options.avro() ? new AvroWireCodec<>(registry, ProofRequest.class)
                : null, options.topic() + "-value");
        RateLimiter limiter = options.ratePerSecond() > 0 ? new RateLimiter(options.ratePerSecond()) : null;
        ConcurrentLinkedQueue<Dataset.Skipped> failed = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<byte[], Object> producer = new KafkaProducer<>(props, new ByteArraySerializer(), values)) {
            for (DatasetEntry e : dataset.entries()) {
                if (limiter != null) {
                    limiter.acquire();
                }
                String id = options.idPrefix() + e.id();
                Map<String, String> metadata = new HashMap<>(e.metadata());
                metadata.put("run_id", options.runId());
                // the statement travels in its own field, not twice (metadata has a size limit)
                String statement = options.statementField() == null ? null : metadata.remove(options.statementField());
                if (statement != null && statement.isBlank()) {
                    statement = null;
                }
                Object value = options.avro() ? avro(id, e.code(), options, metadata, statement)
                        : ProofPayloads.json(id, e.code(), options.timeoutSeconds(), options.allTactics(),
                                options.infotree(), metadata, options.strict() ? Boolean.TRUE : null, statement);
                producer.send(new ProducerRecord<>(options.topic(), id.getBytes(StandardCharsets.UTF_8), value),
                        (meta, error) -> {
                            if (error != null) {
                                failed.add(new Dataset.Skipped(e.origin(), "not sent: " + error.getMessage()));
                            }
                        });
                sent++;
                progress.advance(1);
            }
            producer.flush();
        }
        progress.finish();
        List<Dataset.Skipped> failures = new ArrayList<>(failed);
        return new SubmitReport(options.runId(), sent - failures.size(), dataset.skipped(), failures,
                (System.nanoTime() - start) / 1e9);
    }

    private static ProofRequest avro(String id, String code, SubmitOptions o, Map<String, String> metadata,
                                     String statement) {
        ProofOptions options = o.allTactics() || o.infotree() != null || o.strict() ? ProofOptions.newBuilder()
                .setAllTactics(o.allTactics()).setInfotree(o.infotree()).setStrict(o.strict()).build() : null;
        return ProofRequest.newBuilder().setId(id).setCode(code).setTimeoutSeconds(o.timeoutSeconds())
                .setOptions(options).setStatement(statement).setMetadata(metadata).build();
    }

    private static Serializer<Object> valueSerializer(AvroWireCodec<ProofRequest> codec, String subject) {
        return (topic, value) -> value instanceof ProofRequest r ? codec.encode(subject, r) : (byte[]) value;
    }
}
