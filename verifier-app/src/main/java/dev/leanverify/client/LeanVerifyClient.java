package dev.leanverify.client;

import dev.leanverify.routing.HeaderAffinityPartitioner;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.codec.output.JsonRecordSerde;
import dev.leanverify.tools.ProofPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies proofs through a running leanverify service: {@link #verify} sends the proof to the
 * proofs topic and returns a future completed by its result, matched by id on the results
 * topic (read_committed, so only results that are final). Sends are batched by the producer
 * (linger), partitioned by import header, at most {@code maxInFlight} proofs await a result at
 * once ({@link #verify} blocks for a slot), and each gets a deadline after which its future
 * fails with a {@link TimeoutException}. Thread-safe.
 *
 * <pre>{@code
 * try (LeanVerifyClient client = LeanVerifyClient.builder().bootstrapServers("localhost:9092").build()) {
 *     VerificationResult r = client.verify("sample-17", leanSource).get();
 * }
 * }</pre>
 */
public final class LeanVerifyClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeanVerifyClient.class);

    private final Builder config;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<VerificationResult> results;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ScheduledExecutorService deadlines;
    private final Thread reader;
    private volatile boolean closed;

    private record Pending(CompletableFuture<VerificationResult> future, java.util.concurrent.ScheduledFuture<?> deadline) {
    }

    private LeanVerifyClient(Builder b) {
        this.config = b;
        Properties p = new Properties();
        p.putAll(b.clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
        p.putIfAbsent(ProducerConfig.PARTITIONER_CLASS_CONFIG, HeaderAffinityPartitioner.class.getName());
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.putAll(b.clientProperties);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // Start reading at the current end, before any proof is sent, so no result can be missed.
        List<TopicPartition> partitions = consumer.partitionsFor(b.resultsTopic, Duration.ofSeconds(60)).stream()
                .map(info -> new TopicPartition(b.resultsTopic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.results = b.resultDeserializer;
        this.slots = new Semaphore(b.maxInFlight);
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "leanverify-client-deadlines"));
        this.reader = daemon(this::readResults, "leanverify-client-results");
        reader.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies one proof; blocks while {@code maxInFlight} proofs already await their results. */
    public CompletableFuture<VerificationResult> verify(String id, String code) throws InterruptedException {
        return verify(id, code, null, Map.of());
    }

    public CompletableFuture<VerificationResult> verify(ProofRequest request) throws InterruptedException {
        return verify(request.getId(), request.getCode(), request.getTimeoutSeconds(),
                request.getMetadata() == null ? Map.of() : request.getMetadata(),
                request.getOptions() == null ? null : request.getOptions().getStrict(), request.getStatement());
    }

    /**
     * @param timeoutSeconds the verifier's limit for this proof, or null for its default
     */
    public CompletableFuture<VerificationResult> verify(String id, String code, Integer timeoutSeconds,
                                                         Map<String, String> metadata) throws InterruptedException {
        return verify(id, code, timeoutSeconds, metadata, null, null);
    }

    /**
     * @param strict    strict verification (null: the service's strict.default)
     * @param statement the reference statement the proof must prove, or null
     */
    public CompletableFuture<VerificationResult> verify(String id, String code, Integer timeoutSeconds,
                                                         Map<String, String> metadata, Boolean strict,
                                                         String statement) throws InterruptedException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        slots.acquire();
        CompletableFuture<VerificationResult> future = new CompletableFuture<>();
        var deadline = deadlines.schedule(() -> {
            if (pending.remove(id) != null) {
                slots.release();
                future.completeExceptionally(new TimeoutException("no result for proof " + id + " within "
                        + config.deadline.toSeconds() + " s"));
            }
        }, config.deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (pending.putIfAbsent(id, new Pending(future, deadline)) != null) {
            deadline.cancel(false);
            slots.release();
            throw new IllegalArgumentException("proof " + id + " is already awaiting its result; ids must be unique");
        }
        Map<String, String> md = new HashMap<>(metadata);
        md.putIfAbsent("client", "leanverify-java");
        byte[] value = ProofPayloads.json(id, code, timeoutSeconds, false, null, md, strict, statement);
        producer.send(new ProducerRecord<>(config.proofsTopic, id.getBytes(StandardCharsets.UTF_8), value),
                (meta, error) -> {
                    if (error != null && pending.remove(id) != null) {
                        deadline.cancel(false);
                        slots.release();
                        future.completeExceptionally(error);
                    }
                });
        return future;
    }

    /** Number of proofs awaiting their results. */
    public int inFlight() {
        return pending.size();
    }

    private void readResults() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null) {
                        continue;
                    }
                    Pending p = pending.remove(new String(r.key(), StandardCharsets.UTF_8));
                    if (p == null) {
                        continue; // someone else's proof
                    }
                    p.deadline().cancel(false);
                    slots.release();
                    try {
                        p.future().complete(results.deserialize(r.topic(), r.value()));
                    } catch (RuntimeException e) {
                        p.future().completeExceptionally(e);
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() woke us up
        } catch (RuntimeException e) {
            LOG.error("the result reader stopped; failing the proofs in flight", e);
            failAll(e);
        }
    }

    private void failAll(Throwable cause) {
        for (String id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.deadline().cancel(false);
                slots.release();
                p.future().completeExceptionally(cause);
            }
        }
    }

    /** Stops reading results; proofs still in flight fail with an IllegalStateException. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        producer.close(Duration.ofSeconds(10));
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
        deadlines.shutdownNow();
        failAll(new IllegalStateException("the client was closed before the result arrived"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Settings of a client; defaults match the verifier's. */
    public static final class Builder {
        private String bootstrapServers = "localhost:9092";
        private String proofsTopic = "lean.proofs";
        private String resultsTopic = "lean.results";
        private int maxInFlight = 1000;
        private Duration deadline = Duration.ofMinutes(10);
        private Deserializer<VerificationResult> resultDeserializer =
                new JsonRecordSerde<>(VerificationResult.class, VerificationResult.getClassSchema()).deserializer();
        private Duration connectCheckTimeout = dev.leanverify.config.ConnectCheck.DEFAULT_TIMEOUT;
        private final Properties clientProperties = new Properties();

        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "servers");
            return this;
        }

        public Builder topics(String proofs, String results) {
            this.proofsTopic = Objects.requireNonNull(proofs, "proofs");
            this.resultsTopic = Objects.requireNonNull(results, "results");
            return this;
        }

        /** Proofs awaiting results at once; {@link #verify} blocks beyond it. */
        public Builder maxInFlight(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max in flight must be at least 1, was " + n);
            }
            this.maxInFlight = n;
            return this;
        }

        /** How long a proof may wait for its result before its future fails. */
        public Builder deadline(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the deadline must be positive, was " + d);
            }
            this.deadline = d;
            return this;
        }

        /** For results written as Avro (output.format=avro). */
        public Builder resultDeserializer(Deserializer<VerificationResult> deserializer) {
            this.resultDeserializer = Objects.requireNonNull(deserializer, "deserializer");
            return this;
        }

        /** Extra Kafka client settings (security, client.id...). */
        public Builder clientProperty(String key, Object value) {
            clientProperties.put(key, value);
            return this;
        }

        /**
         * How long {@link #build} waits for Kafka to answer before it gives up with an
         * {@link UnreachableException} (default 10 s); zero skips the check.
         */
        public Builder connectCheckTimeout(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("the connect check timeout must not be negative, was " + d);
            }
            this.connectCheckTimeout = d;
            return this;
        }

        /**
         * Connects: checks first that Kafka answers and both topics exist, within the connect
         * check timeout.
         *
         * @throws UnreachableException when Kafka does not answer in time or a topic is missing
         */
        public LeanVerifyClient build() {
            if (!connectCheckTimeout.isZero()) {
                Properties p = new Properties();
                p.putAll(clientProperties);
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                p.keySet().retainAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
                KafkaReachability.check(p, connectCheckTimeout, List.of(proofsTopic, resultsTopic));
            }
            return new LeanVerifyClient(this);
        }
    }
}
