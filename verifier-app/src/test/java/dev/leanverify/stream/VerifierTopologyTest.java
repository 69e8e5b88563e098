package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.registry.InMemorySchemaRegistry;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.routing.HeaderAffinityRouter;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.codec.input.RegistryAvroRequestReader;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.output.JsonRecordSerde;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.testing.SimRepls;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.ThreadVerifiers;
import dev.leanverify.verify.VerifierLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The topology on Kafka's test driver, with the simulated REPL doing the Lean work. */
@Tag("integration")
class VerifierTopologyTest {
    private static final StreamSettings.Topics TOPICS = new StreamSettings.Topics("proofs", "results", "tactics", "dlq");
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private ThreadVerifiers verifiers;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, VerificationResult> results;
    private TestOutputTopic<String, ProofTactics> tactics;
    private TestOutputTopic<byte[], byte[]> dlq;
    private Topology topology;

    @BeforeEach
    void start() {
        ReplSpec spec = SimRepls.spec();
        HeaderSplitter splitter = new HeaderSplitter(false);
        VerifierLimits limits = new VerifierLimits(Duration.ofSeconds(3), Duration.ofSeconds(30));
        verifiers = new ThreadVerifiers(thread -> new ProofVerifier(new ReplPool(PoolConfig.defaults(),
                SimRepls.launcher(spec, "ttd-" + thread)), splitter, limits, spec.leanVersion(), Ticker.systemTicker()));
        var resultSerde = new JsonRecordSerde<>(VerificationResult.class, VerificationResult.getClassSchema());
        var tacticsSerde = new JsonRecordSerde<>(ProofTactics.class, ProofTactics.getClassSchema());
        topology = VerifierTopology.build(new VerifierTopology.Parts(TOPICS, true, Duration.ofHours(1), true, splitter,
                new HeaderAffinityRouter(100),
                new RequestDecoder(new RegistryAvroRequestReader(new AvroWireCodec<>(registry, ProofRequest.class),
                        List.of())),
                new RequestValidator(new StreamSettings.RequestLimits(1 << 20, 256, 4096), Duration.ofSeconds(30),
                        splitter),
                new ResultMapper(new StreamSettings.ResultLimits(1 << 20, 100, 1000), "test-instance", new ObjectMapper()),
                resultSerde, tacticsSerde, verifiers, VerifyListener.none(), "simulated", "test-instance",
                Clock.systemUTC()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/ttd-" + System.nanoTime());
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic("proofs", new ByteArraySerializer(), new ByteArraySerializer());
        results = driver.createOutputTopic("results", new StringDeserializer(), resultSerde.deserializer());
        tactics = driver.createOutputTopic("tactics", new StringDeserializer(), tacticsSerde.deserializer());
        dlq = driver.createOutputTopic("dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        verifiers.close();
    }

    private void send(String key, String json) {
        input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, VerificationResult> resultsById() {
        Map<String, VerificationResult> byId = new HashMap<>();
        for (var kv : results.readKeyValuesToList()) {
            assertThat(byId.put(kv.key, kv.value)).as("one result for " + kv.key).isNull();
        }
        return byId;
    }

    @Test
    void verifiesAValidProofAndPassesItsMetadataThrough() {
        send("k", "{\"id\": \"p1\", \"code\": \"theorem t : True := trivial\", \"metadata\": {\"run\": \"r7\"}}");

        VerificationResult r = resultsById().get("p1");

        assertThat(r.getStatus()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(r.getMetadata()).containsEntry("run", "r7");
        assertThat(r.getLeanVersion()).isEqualTo("simulated");
        assertThat(r.getVerifierInstance()).isEqualTo("test-instance");
        assertThat(r.getSource()).isEqualTo("proofs-0@0");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void mapsLeanOutcomesToStatuses() {
        send(null, "{\"id\": \"sorry\", \"code\": \"theorem t (n : Nat) : n = n := by\\n  sorry\"}");
        send(null, "{\"id\": \"error\", \"code\": \"-- sim: error unknown identifier\\ntheorem t : True := foo\"}");
        send(null, "{\"id\": \"timeout\", \"code\": \"-- sim: hang\\ntheorem t : True := trivial\", \"timeoutSeconds\": 1}");
        send(null, "{\"id\": \"crash\", \"code\": \"-- sim: crash\\ntheorem t : True := trivial\"}");

        Map<String, VerificationResult> r = resultsById();

        assertThat(r.get("sorry").getStatus()).isEqualTo(VerificationStatus.SORRY);
        assertThat(r.get("sorry").getSorries()).hasSize(1);
        assertThat(r.get("error").getStatus()).isEqualTo(VerificationStatus.LEAN_ERROR);
        assertThat(r.get("error").getMessages().get(0).getData()).isEqualTo("unknown identifier");
        assertThat(r.get("timeout").getStatus()).isEqualTo(VerificationStatus.TIMEOUT);
        assertThat(r.get("timeout").getError()).contains("no answer within 1 s");
        assertThat(r.get("crash").getStatus()).isEqualTo(VerificationStatus.REPL_CRASH);
        assertThat(r.get("crash").getError()).contains("exit code 134");
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicWithTheirOrigin() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>("key-1".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8),
                headers));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();

        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("key-1");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(header(dead, "trace")).isEqualTo("abc");
        assertThat(header(dead, "leanverify.dlq.reason")).isEqualTo("not-json");
        assertThat(header(dead, "leanverify.dlq.error")).contains("not JSON");
        assertThat(header(dead, "leanverify.dlq.topic")).isEqualTo("proofs");
        assertThat(header(dead, "leanverify.dlq.partition")).isEqualTo("0");
        assertThat(header(dead, "leanverify.dlq.offset")).isEqualTo("0");
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void invalidRequestsGetAnInvalidRequestResultWithTheReason() {
        send(null, "{\"id\": \"empty\", \"code\": \"  \"}");
        send(null, "{\"code\": \"theorem t : True := trivial\"}");

        Map<String, VerificationResult> r = resultsById();

        assertThat(r.get("empty").getStatus()).isEqualTo(VerificationStatus.INVALID_REQUEST);
        assertThat(r.get("empty").getError()).contains("code is empty");
        assertThat(r.get("proofs-0@1").getStatus()).isEqualTo(VerificationStatus.INVALID_REQUEST);
        assertThat(r.get("proofs-0@1").getError()).contains("missing id");
    }

    @Test
    void aDuplicateIdIsDeadLetteredAndGetsNoSecondResult() {
        send(null, "{\"id\": \"dup\", \"code\": \"theorem t : True := trivial\"}");
        send(null, "{\"id\": \"dup\", \"code\": \"theorem u : True := trivial\"}");

        Map<String, VerificationResult> r = resultsById();
        TestRecord<byte[], byte[]> dead = dlq.readRecord();

        assertThat(r).containsOnlyKeys("dup");
        assertThat(header(dead, "leanverify.dlq.reason")).isEqualTo("duplicate-id");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("theorem u");
        assertThat(header(dead, "leanverify.dlq.offset")).isEqualTo("1");
    }

    @Test
    void readsConfluentAvroThroughTheRegistry() {
        AvroWireCodec<ProofRequest> codec = new AvroWireCodec<>(registry, ProofRequest.class);
        ProofRequest request = ProofRequest.newBuilder().setId("avro-1").setCode("theorem t : True := trivial")
                .setOptions(ProofOptions.newBuilder().setAllTactics(true).setInfotree(null).setStrict(false).build())
                .setMetadata(Map.of("model", "m")).build();
        input.pipeInput(null, codec.encode("proofs-value", request));
        byte[] unknownId = codec.encode("proofs-value", request);
        unknownId[4] = 99;
        input.pipeInput(null, unknownId);

        Map<String, VerificationResult> r = resultsById();

        assertThat(r.get("avro-1").getStatus()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(tactics.readKeyValue().key).isEqualTo("avro-1");
        assertThat(header(dlq.readRecord(), "leanverify.dlq.reason")).isEqualTo("avro-unknown-schema-id");
    }

    @Test
    void tacticsAreWrittenOnlyWhenAskedFor() {
        send(null, "{\"id\": \"with\", \"code\": \"theorem t : True := by\\n  trivial\", \"options\": {\"allTactics\": true}}");
        send(null, "{\"id\": \"without\", \"code\": \"theorem t : True := by\\n  trivial\"}");

        var written = tactics.readKeyValuesToList();

        assertThat(written).hasSize(1);
        assertThat(written.get(0).key).isEqualTo("with");
        assertThat(written.get(0).value.getTactics()).isNotEmpty();
    }

    @Test
    void proofsAreRepartitionedByIdThenByHeader() {
        String description = topology.describe().toString();

        assertThat(description).contains("proofs-by-id-repartition").contains("proofs-by-header-repartition")
                .contains("seen-proof-ids");
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        var h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
