package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.cache.VerdictCache;
import dev.leanverify.cache.VerdictKeys;
import dev.leanverify.codec.input.RegistryAvroRequestReader;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.output.JsonRecordSerde;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.config.VerdictCacheSettings;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict cache's lookup and store steps on Kafka's test driver with a fake verifier: what
 * hits, what misses (any key part changed), what is never cached, noCache, expiry, headers.
 */
@Tag("unit")
class VerdictCacheTopologyTest {
    private static final StreamSettings.Topics TOPICS = new StreamSettings.Topics("proofs", "results", "tactics", "dlq");
    private static final String CODE = "import Mathlib\n\ntheorem t : True := trivial";
    @TempDir
    Path stateDir;
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, VerificationResult> results;
    private TestOutputTopic<String, ProofTactics> tactics;
    private FakeVerifier verifier;

    private void start(FakeVerifier fake, VerdictCacheSettings settings) {
        verifier = fake;
        HeaderSplitter splitter = new HeaderSplitter(false);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        VerdictCache cache = settings.enabled() ? new VerdictCache(settings,
                new VerdictKeys(splitter, FakeVerifier.LEAN_VERSION, "path:/test", "fp"), 1) : VerdictCache.disabled();
        var resultSerde = new JsonRecordSerde<>(VerificationResult.class, VerificationResult.getClassSchema());
        var tacticsSerde = new JsonRecordSerde<>(ProofTactics.class, ProofTactics.getClassSchema());
        var topology = VerifierTopology.build(new VerifierTopology.Parts(TOPICS, true, Duration.ofHours(1), true,
                splitter, new HeaderAffinityRouter(100),
                new RequestDecoder(new RegistryAvroRequestReader(
                        new AvroWireCodec<>(new InMemorySchemaRegistry(), ProofRequest.class), List.of())),
                new RequestValidator(new StreamSettings.RequestLimits(1 << 20, 256, 4096), Duration.ofSeconds(30),
                        splitter),
                new ResultMapper(new StreamSettings.ResultLimits(1 << 20, 100, 1000), "test-instance", new ObjectMapper()),
                resultSerde, tacticsSerde, verifier, VerifyListener.none(), FakeVerifier.LEAN_VERSION, "test-instance",
                clock, cache));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "verdict-cache-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic("proofs", new ByteArraySerializer(), new ByteArraySerializer());
        results = driver.createOutputTopic("results", new StringDeserializer(), resultSerde.deserializer());
        tactics = driver.createOutputTopic("tactics", new StringDeserializer(), tacticsSerde.deserializer());
    }

    private void start(FakeVerifier fake) {
        start(fake, VerdictCacheSettings.defaults());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private VerificationResult verify(String id, String code, String options) {
        String json = "{\"id\": \"" + id + "\", \"code\": " + quote(code)
                + (options == null ? "" : ", \"options\": " + options) + ", \"metadata\": {\"n\": \"" + id + "\"}}";
        input.pipeInput(null, json.getBytes(StandardCharsets.UTF_8));
        var out = results.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(id);
        return out.get(0).value;
    }

    private static String quote(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRepeatedProofIsAnsweredFromTheCacheWithoutLeanAndWithItsOwnIdentity() {
        start(FakeVerifier.allVerified());

        VerificationResult first = verify("a", CODE, null);
        now.addAndGet(5_000);
        VerificationResult second = verify("b", CODE, null);

        assertThat(verifier.jobs()).hasSize(1);
        assertThat(first.getVerdictCache()).isEqualTo("miss");
        assertThat(second.getVerdictCache()).isEqualTo("hit");
        assertThat(second.getStatus()).isEqualTo(first.getStatus());
        assertThat(second.getId()).isEqualTo("b");
        assertThat(second.getMetadata()).containsEntry("n", "b");
        assertThat(second.getOriginalCompletedAtMs()).isEqualTo(first.getCompletedAtMs());
        assertThat(second.getCompletedAtMs()).isEqualTo(first.getCompletedAtMs() + 5_000);
        assertThat(second.getOriginalReplId()).isEqualTo("fake-repl").isEqualTo(first.getReplId());
        assertThat(second.getReplId()).isNull();
        assertThat(second.getOriginalLeanMs()).isEqualTo(first.getTiming().getLeanMs());
        assertThat(second.getTiming().getLeanMs()).isZero();
        assertThat(second.getSource()).isEqualTo("proofs-0@1");
    }

    @Test
    void changingAnyKeyPartMisses() {
        start(FakeVerifier.allVerified());
        verify("base", CODE, null);
        verify("strict", CODE, "{\"strict\": true}");
        verify("tactics", CODE, "{\"allTactics\": true}");
        verify("infotree", CODE, "{\"infotree\": \"full\"}");
        verify("body", CODE.replace("trivial", "trivia1"), null);
        verify("header", CODE.replace("import Mathlib", "import Mathlib\nimport Aesop"), null);
        verify("layout", CODE.replace("\n\n", "\n\n\n"), null);
        VerificationResult again = verify("again", CODE, null);

        assertThat(verifier.jobs()).extracting(j -> j.id())
                .containsExactly("base", "strict", "tactics", "infotree", "body", "header", "layout");
        assertThat(again.getVerdictCache()).isEqualTo("hit");
    }

    @Test
    void aStatementIsPartOfTheKeyOfAStrictProof() {
        start(FakeVerifier.allVerified());
        String req1 = "{\"id\": \"s1\", \"code\": " + quote(CODE) + ", \"statement\": \"theorem t : True\"}";
        String req2 = "{\"id\": \"s2\", \"code\": " + quote(CODE) + ", \"statement\": \"theorem t : 1 = 1\"}";
        String req3 = "{\"id\": \"s3\", \"code\": " + quote(CODE) + ", \"statement\": \"theorem t : True\"}";
        for (String r : List.of(req1, req2, req3)) {
            input.pipeInput(null, r.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, VerificationResult> byId = new HashMap<>();
        results.readKeyValuesToList().forEach(kv -> byId.put(kv.key, kv.value));

        assertThat(verifier.jobs()).extracting(j -> j.id()).containsExactly("s1", "s2");
        assertThat(byId.get("s3").getVerdictCache()).isEqualTo("hit");
    }

    @Test
    void tacticsComeFromTheCacheWhenTheyWereAskedFor() {
        start(FakeVerifier.allVerified());
        verify("t1", CODE, "{\"allTactics\": true}");
        ProofTactics fresh = tactics.readValue();
        verify("t2", CODE, "{\"allTactics\": true}");
        ProofTactics cached = tactics.readValue();

        assertThat(verifier.jobs()).hasSize(1);
        assertThat(cached.getId()).isEqualTo("t2");
        assertThat(cached.getTactics()).isEqualTo(fresh.getTactics());
        assertThat(cached.getStatus()).isEqualTo(fresh.getStatus());
    }

    @Test
    void onlyLeansOwnVerdictsAreCached() {
        Map<String, ProofStatus> answers = Map.of("verified", ProofStatus.VERIFIED, "sorry", ProofStatus.SORRY,
                "error", ProofStatus.LEAN_ERROR, "unsound", ProofStatus.UNSOUND, "timeout", ProofStatus.TIMEOUT,
                "crash", ProofStatus.REPL_CRASH, "limit", ProofStatus.RESOURCE_LIMIT,
                "internal", ProofStatus.INTERNAL_ERROR);
        start(new FakeVerifier(job -> FakeVerifier.report(job, answers.get(job.code().substring(3, job.code()
                .indexOf('\n'))), null)));
        for (String kind : answers.keySet()) {
            String code = "-- " + kind + "\ntheorem t : True := trivial";
            VerificationResult first = verify(kind + "-1", code, null);
            VerificationResult second = verify(kind + "-2", code, null);
            boolean cacheable = List.of("verified", "sorry", "error", "unsound").contains(kind);
            assertThat(first.getStatus().name()).isEqualTo(answers.get(kind).name());
            assertThat(second.getStatus()).isEqualTo(first.getStatus());
            assertThat(second.getVerdictCache()).as(kind).isEqualTo(cacheable ? "hit" : null);
            assertThat(first.getVerdictCache()).as(kind).isEqualTo(cacheable ? "miss" : null);
        }
        assertThat(verifier.jobs()).hasSize(4 + 2 * 4);
    }

    @Test
    void noCacheRunsLeanAndRefreshesTheEntry() {
        AtomicLong runs = new AtomicLong();
        start(new FakeVerifier(job -> FakeVerifier.report(job,
                runs.incrementAndGet() == 1 ? ProofStatus.LEAN_ERROR : ProofStatus.VERIFIED, null)));
        verify("first", CODE, null);
        VerificationResult forced = verify("forced", CODE, "{\"noCache\": true}");
        VerificationResult after = verify("after", CODE, null);

        assertThat(verifier.jobs()).extracting(j -> j.id()).containsExactly("first", "forced");
        assertThat(forced.getVerdictCache()).isEqualTo("miss");
        assertThat(forced.getStatus()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(after.getVerdictCache()).isEqualTo("hit");
        assertThat(after.getStatus()).isEqualTo(VerificationStatus.VERIFIED);
    }

    @Test
    void anExpiredVerdictMisses() {
        start(FakeVerifier.allVerified(), new VerdictCacheSettings(true, 100, 1 << 20, Duration.ofHours(1)));
        verify("a", CODE, null);
        now.addAndGet(Duration.ofMinutes(59).toMillis());
        assertThat(verify("b", CODE, null).getVerdictCache()).isEqualTo("hit");
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        assertThat(verify("c", CODE, null).getVerdictCache()).isEqualTo("miss");
        assertThat(verifier.jobs()).hasSize(2);
    }

    @Test
    void whenDisabledEveryProofRunsAndIsUnmarked() {
        start(FakeVerifier.allVerified(), VerdictCacheSettings.disabled());
        VerificationResult a = verify("a", CODE, null);
        VerificationResult b = verify("b", CODE, null);

        assertThat(verifier.jobs()).hasSize(2);
        assertThat(a.getVerdictCache()).isNull();
        assertThat(b.getVerdictCache()).isNull();
    }

    @Test
    void theInternalKeyHeaderDoesNotReachTheOutput() {
        start(FakeVerifier.allVerified());
        input.pipeInput(null, ("{\"id\": \"h\", \"code\": " + quote(CODE) + "}").getBytes(StandardCharsets.UTF_8));
        var record = results.readRecord();

        assertThat(record.headers().lastHeader(RecordHeaders.VERDICT_KEY)).isNull();
        assertThat(record.value().getVerdictCache()).isEqualTo("miss");
    }
}
