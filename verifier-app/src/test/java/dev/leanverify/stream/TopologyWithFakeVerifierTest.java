package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.codec.input.RegistryAvroRequestReader;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.output.JsonRecordSerde;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.registry.InMemorySchemaRegistry;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.routing.HeaderAffinityRouter;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.testing.FakeVerifier;
import dev.leanverify.verify.ProofStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on Kafka's test driver with a fake verifier: the stream side alone (decode,
 * dedupe, routing, results and tactics, failures of the verifier), no process. The topology with
 * the simulated REPL is {@link VerifierTopologyTest}.
 */
@Tag("unit")
class TopologyWithFakeVerifierTest {
    private static final StreamSettings.Topics TOPICS = new StreamSettings.Topics("proofs", "results", "tactics", "dlq");
    @TempDir
    Path stateDir;
    private static final String BY_ID_TOPIC = "fake-topology-test-proofs-by-id-repartition";
    private TopologyTestDriver driver;
    private Topology topology;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, VerificationResult> results;
    private TestOutputTopic<String, ProofTactics> tactics;
    private TestOutputTopic<byte[], byte[]> dlq;

    private void start(FakeVerifier verifier) {
        HeaderSplitter splitter = new HeaderSplitter(false);
        var resultSerde = new JsonRecordSerde<>(VerificationResult.class, VerificationResult.getClassSchema());
        var tacticsSerde = new JsonRecordSerde<>(ProofTactics.class, ProofTactics.getClassSchema());
        topology = VerifierTopology.build(new VerifierTopology.Parts(TOPICS, true, Duration.ofHours(1), true,
                splitter, new HeaderAffinityRouter(100),
                new RequestDecoder(new RegistryAvroRequestReader(
                        new AvroWireCodec<>(new InMemorySchemaRegistry(), ProofRequest.class), List.of())),
                new RequestValidator(new StreamSettings.RequestLimits(1 << 20, 256, 4096), Duration.ofSeconds(30),
                        splitter),
                new ResultMapper(new StreamSettings.ResultLimits(1 << 20, 100, 1000), "test-instance", new ObjectMapper()),
                resultSerde, tacticsSerde, verifier, VerifyListener.none(), FakeVerifier.LEAN_VERSION, "test-instance",
                Clock.systemUTC()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fake-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic("proofs", new ByteArraySerializer(), new ByteArraySerializer());
        results = driver.createOutputTopic("results", new StringDeserializer(), resultSerde.deserializer());
        tactics = driver.createOutputTopic("tactics", new StringDeserializer(), tacticsSerde.deserializer());
        dlq = driver.createOutputTopic("dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(String json) {
        input.pipeInput(null, json.getBytes(StandardCharsets.UTF_8));
    }

    private void sendKeyed(String key, String json) {
        input.pipeInput(key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, VerificationResult> resultsById() {
        Map<String, VerificationResult> byId = new HashMap<>();
        for (var kv : results.readKeyValuesToList()) {
            assertThat(byId.put(kv.key, kv.value)).as("one result for " + kv.key).isNull();
        }
        return byId;
    }

    @Test
    void passesTheRequestToTheVerifierAndWritesItsVerdictWithMetadata() {
        FakeVerifier verifier = FakeVerifier.allVerified();
        start(verifier);

        send("{\"id\": \"p1\", \"code\": \"import Mathlib\\n\\ntheorem t : True := trivial\", \"timeoutSeconds\": 7,"
                + " \"metadata\": {\"run\": \"r7\"}}");

        VerificationResult r = resultsById().get("p1");
        assertThat(r.getStatus()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(r.getMetadata()).containsEntry("run", "r7");
        assertThat(r.getLeanVersion()).isEqualTo(FakeVerifier.LEAN_VERSION);
        assertThat(r.getSource()).isEqualTo("proofs-0@0");
        assertThat(verifier.jobs()).singleElement().satisfies(job -> {
            assertThat(job.code()).startsWith("import Mathlib");
            assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(7));
        });
        assertThat(tactics.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void writesTacticsOnlyWhenAskedFor() {
        start(FakeVerifier.allVerified());

        send("{\"id\": \"with\", \"code\": \"theorem t : True := trivial\", \"options\": {\"allTactics\": true}}");
        send("{\"id\": \"without\", \"code\": \"theorem t : True := trivial\"}");

        var written = tactics.readKeyValuesToList();
        assertThat(written).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("with");
            assertThat(kv.value.getTactics()).isNotEmpty();
        });
        assertThat(resultsById()).containsOnlyKeys("with", "without");
    }

    @Test
    void aVerifierThatThrowsGivesAnInternalErrorResult() {
        start(new FakeVerifier(job -> {
            throw new IllegalStateException("pool broken");
        }));

        send("{\"id\": \"p\", \"code\": \"theorem t : True := trivial\"}");

        VerificationResult r = resultsById().get("p");
        assertThat(r.getStatus()).isEqualTo(VerificationStatus.INTERNAL_ERROR);
        assertThat(r.getError()).contains("pool broken");
    }

    @Test
    void aProofCutShortByShutdownGetsNoResultAndStaysInFlightToRunAgain() {
        FakeVerifier verifier = new FakeVerifier(job -> FakeVerifier.report(job, ProofStatus.REPL_CRASH, "killed"));
        start(verifier);
        verifier.startShutdown();

        send("{\"id\": \"p\", \"code\": \"theorem t : True := trivial\"}");

        assertThat(results.isEmpty()).isTrue();
        KeyValueStore<String, InFlight> inFlight = driver.getKeyValueStore(DispatchProcessor.STORE);
        try (var all = inFlight.all()) {
            assertThat(all).toIterable().singleElement().satisfies(kv -> assertThat(kv.value.request().getId()).isEqualTo("p"));
        }
    }

    @Test
    void undecodableInvalidAndDuplicateRecordsNeverReachTheVerifier() {
        FakeVerifier verifier = FakeVerifier.allVerified();
        start(verifier);

        send("not json");
        send("{\"id\": \"empty\", \"code\": \"  \"}");
        send("{\"id\": \"dup\", \"code\": \"theorem t : True := trivial\"}");
        send("{\"id\": \"dup\", \"code\": \"theorem u : True := trivial\"}");

        Map<String, VerificationResult> r = resultsById();
        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(r).containsOnlyKeys("empty", "dup");
        assertThat(r.get("empty").getStatus()).isEqualTo(VerificationStatus.INVALID_REQUEST);
        assertThat(dead).extracting(d -> header(d, "leanverify.dlq.reason")).containsExactly("not-json", "duplicate-id");
        assertThat(verifier.jobs()).extracting(job -> job.id()).containsExactly("dup");
    }

    @Test
    void aRequestKeyedByItsIdInPlaceIsDeduplicatedWithoutTheByIdRepartition() {
        FakeVerifier verifier = FakeVerifier.allVerified();
        start(verifier);

        sendKeyed("a", "{\"id\": \"a\", \"code\": \"theorem t : True := trivial\"}");
        sendKeyed("a", "{\"id\": \"a\", \"code\": \"theorem u : True := trivial\"}");

        assertThat(resultsById()).containsOnlyKeys("a");
        assertThat(dlq.readRecordsToList()).extracting(d -> header(d, "leanverify.dlq.reason"))
                .containsExactly("duplicate-id");
        assertThat(verifier.jobs()).extracting(job -> job.code()).containsExactly("theorem t : True := trivial");
        assertThat(driver.producedTopicNames()).doesNotContain(BY_ID_TOPIC).contains("results", "dlq");
    }

    @Test
    void unkeyedAndOtherwiseKeyedRequestsAreStillDeduplicatedThroughTheByIdRepartition() {
        FakeVerifier verifier = FakeVerifier.allVerified();
        start(verifier);

        send("{\"id\": \"b\", \"code\": \"theorem t : True := trivial\"}");
        sendKeyed("run-7/sample-3", "{\"id\": \"b\", \"code\": \"theorem u : True := trivial\"}");

        assertThat(resultsById()).containsOnlyKeys("b");
        assertThat(dlq.readRecordsToList()).extracting(d -> header(d, "leanverify.dlq.reason"))
                .containsExactly("duplicate-id");
        assertThat(verifier.jobs()).hasSize(1);
        assertThat(driver.producedTopicNames()).contains(BY_ID_TOPIC);
    }

    @Test
    void aDuplicateArrivingOnceEachWayGetsOneResultAndOneDuplicateDeadLetter() {
        FakeVerifier verifier = FakeVerifier.allVerified();
        start(verifier);

        sendKeyed("in-first", "{\"id\": \"in-first\", \"code\": \"theorem t : True := trivial\"}");
        send("{\"id\": \"in-first\", \"code\": \"theorem u : True := trivial\"}");
        send("{\"id\": \"moved-first\", \"code\": \"theorem t : True := trivial\"}");
        sendKeyed("moved-first", "{\"id\": \"moved-first\", \"code\": \"theorem u : True := trivial\"}");

        assertThat(resultsById()).containsOnlyKeys("in-first", "moved-first");
        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).extracting(d -> header(d, "leanverify.dlq.reason")).containsExactly("duplicate-id", "duplicate-id");
        assertThat(dead).extracting(d -> header(d, "leanverify.dlq.offset")).containsExactly("1", "3");
        assertThat(dead).extracting(d -> new String(d.value(), StandardCharsets.UTF_8))
                .allSatisfy(json -> assertThat(json).contains("theorem u"));
        assertThat(verifier.jobs()).extracting(job -> job.id()).containsExactly("in-first", "moved-first");
    }

    @Test
    void theDefaultPathIsTwoSubTopologiesWithTheProofsAndByIdSourcesInTheFirst() {
        start(FakeVerifier.allVerified());

        List<TopologyDescription.Subtopology> subs = List.copyOf(topology.describe().subtopologies());
        var first = subs.stream().filter(st -> sourceTopics(st).contains("proofs")).findFirst().orElseThrow();
        assertThat(sourceTopics(first)).containsExactlyInAnyOrder("proofs", "proofs-by-id-repartition");
        assertThat(first.nodes()).extracting(TopologyDescription.Node::name).contains("decode", "dedupe")
                .doesNotContain("verify");
        var second = subs.stream().filter(st -> st.nodes().stream().anyMatch(n -> n.name().equals("verify")))
                .findFirst().orElseThrow();
        assertThat(sourceTopics(second)).containsExactly("proofs-by-header-repartition");
        assertThat(subs).hasSize(2);
    }

    private static List<String> sourceTopics(TopologyDescription.Subtopology st) {
        return st.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).toList();
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        var h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
