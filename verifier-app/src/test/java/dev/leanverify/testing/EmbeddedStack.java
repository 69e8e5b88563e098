package dev.leanverify.testing;

import dev.leanverify.config.AppSettings;
import dev.leanverify.config.Settings;
import dev.leanverify.sim.SharedData;
import dev.leanverify.embedded.BrokerSettings;
import dev.leanverify.embedded.EmbeddedKafkaBroker;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.service.VerifierService;
import dev.leanverify.codec.output.AvroJsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real single-node Kafka broker for a test class, plus helpers to run verifier instances on it
 * with unique topics and application ids, produce proofs and read results read_committed.
 */
public final class EmbeddedStack implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;
    private final List<VerifierService> services = new ArrayList<>();
    private final SchemaRegistries registries = new SchemaRegistries();
    private final AvroJsonReader json = new AvroJsonReader();

    private EmbeddedStack(EmbeddedKafkaBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedStack start() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.builder().port(0).build());
        broker.start();
        return new EmbeddedStack(broker, broker.bootstrapServers());
    }

    /** The same helpers on a cluster started elsewhere (e.g. a Testcontainers broker). */
    public static EmbeddedStack onCluster(String bootstrapServers) {
        return new EmbeddedStack(null, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public SchemaRegistries registries() {
        return registries;
    }

    /** Settings for a verifier on this broker, with topics and application id unique to {@code name}. */
    public Map<String, String> settings(String name) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap.servers", bootstrapServers());
        s.put("application.id", "it-" + name);
        s.put("topics.proofs", name + ".proofs");
        s.put("topics.results", name + ".results");
        s.put("topics.tactics", name + ".tactics");
        s.put("topics.dlq", name + ".dlq");
        s.put("topics.stats", name + ".stats");
        s.put("topics.partitions", "4");
        s.put("topics.replication.factor", "1");
        s.put("num.stream.threads", "2");
        s.put("lean.simulate", "true");
        s.put("lean.sim.recordings", SharedData.requireDataDir().toString());
        s.put("lean.sim.time.scale", "0.005");
        s.put("lean.timeout.default.seconds", "3");
        s.put("lean.timeout.max.seconds", "30");
        s.put("lean.header.timeout.seconds", "30");
        s.put("metrics.port", "-1");
        s.put("schema.registry.url", "mock://" + name);
        s.put("commit.interval.ms", "100");
        return s;
    }

    /** Starts a verifier instance with these settings (a unique state dir and instance id are added). */
    public VerifierService startVerifier(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        String instance = "instance-" + UUID.randomUUID().toString().substring(0, 8);
        s.putIfAbsent("instance.id", instance);
        try {
            s.putIfAbsent("state.dir", Files.createTempDirectory("leanverify-state-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AppSettings app = AppSettings.from(Settings.load(null, Map.of(), s));
        VerifierService service = VerifierService.create(app, registries);
        services.add(service);
        service.start(Duration.ofMinutes(1));
        return service;
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends records and waits for their acknowledgements; returns where each landed. */
    public List<RecordMetadata> send(String topic, List<byte[][]> keyValues) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (byte[][] kv : keyValues) {
                acks.add(producer.send(new ProducerRecord<>(topic, kv[0], kv[1])));
            }
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> f : acks) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
    }

    public static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a topic read_committed from the start until {@code done} holds for what was read,
     * then keeps reading for {@code settle} to catch extra records; fails after {@code timeout}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                             Duration timeout, Duration settle) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (settleUntil == Long.MAX_VALUE && done.test(records)) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
            if (settleUntil == Long.MAX_VALUE) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s reading " + topic + ": got "
                        + records.size() + " record(s)");
            }
        }
        return records;
    }

    public VerificationResult result(ConsumerRecord<byte[], byte[]> record) {
        return json.read(record.value(), VerificationResult.class, VerificationResult.getClassSchema());
    }

    /** Process ids of every REPL the started services own right now. */
    public List<Long> replPids() {
        List<Long> pids = new ArrayList<>();
        for (VerifierService s : services) {
            s.app().verifiers().all().forEach(v -> pids.addAll(v.pool().idlePids()));
        }
        return pids;
    }

    @Override
    public void close() {
        for (VerifierService s : services) {
            try {
                s.close(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                // closing the others matters more
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
