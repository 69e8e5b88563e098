package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.cache.VerdictCache;
import dev.leanverify.cache.VerdictKeys;
import dev.leanverify.codec.input.RegistryAvroRequestReader;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.output.JsonRecordSerde;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.config.StrictSettings;
import dev.leanverify.config.VerdictCacheSettings;
import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.registry.InMemorySchemaRegistry;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.routing.HeaderAffinityRouter;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.Sorry;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.sim.SharedData;
import dev.leanverify.testing.GoedelSet;
import dev.leanverify.testing.SimRepls;
import dev.leanverify.tools.StatementFile;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.ThreadVerifiers;
import dev.leanverify.verify.VerifierLimits;
import dev.leanverify.verify.strict.StrictChecker;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 1 of the verdict cache, with the simulated REPL (a test double for Lean) doing the
 * work: for every proof of the Goedel set and of the cheat corpus (strict, with its statement), a
 * cache hit carries the same status, messages (positions included), sorries and soundness as the
 * run that filled the cache and as a fresh run forced with {@code noCache}, field by field.
 */
@Tag("integration")
class VerdictCacheFidelityTest {
    private static final StreamSettings.Topics TOPICS = new StreamSettings.Topics("proofs", "results", "tactics", "dlq");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path stateDir;
    private ThreadVerifiers verifiers;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, VerificationResult> results;

    @BeforeEach
    void start() {
        ReplSpec spec = SimRepls.spec();
        HeaderSplitter splitter = new HeaderSplitter(false);
        VerifierLimits limits = new VerifierLimits(Duration.ofSeconds(10), Duration.ofSeconds(30));
        verifiers = new ThreadVerifiers(thread -> new ProofVerifier(new ReplPool(PoolConfig.defaults(),
                SimRepls.launcher(spec, "fidelity-" + thread)), splitter, limits, spec.leanVersion(),
                Ticker.systemTicker(), new StrictChecker(StrictSettings.defaults())));
        var resultSerde = new JsonRecordSerde<>(VerificationResult.class, VerificationResult.getClassSchema());
        var tacticsSerde = new JsonRecordSerde<>(ProofTactics.class, ProofTactics.getClassSchema());
        VerdictCache cache = new VerdictCache(VerdictCacheSettings.defaults(), new VerdictKeys(splitter,
                spec.leanVersion(), VerdictKeys.projectIdentity(Path.of("").toAbsolutePath()), "test"), 1);
        var topology = VerifierTopology.build(new VerifierTopology.Parts(TOPICS, true, Duration.ofHours(1), true,
                splitter, new HeaderAffinityRouter(100),
                new RequestDecoder(new RegistryAvroRequestReader(
                        new AvroWireCodec<>(new InMemorySchemaRegistry(), ProofRequest.class), List.of())),
                new RequestValidator(new StreamSettings.RequestLimits(1 << 20, 256, 4096), Duration.ofSeconds(30),
                        splitter),
                new ResultMapper(new StreamSettings.ResultLimits(1 << 20, 1000, 16 << 10), "fidelity",
                        new ObjectMapper()),
                resultSerde, tacticsSerde, verifiers, VerifyListener.none(), spec.leanVersion(), "fidelity",
                Clock.systemUTC(), cache));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "verdict-fidelity");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic("proofs", new ByteArraySerializer(), new ByteArraySerializer());
        results = driver.createOutputTopic("results", new StringDeserializer(), resultSerde.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        verifiers.close();
    }

    private void send(String id, String code, String statement, boolean noCache) throws Exception {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("code", code);
        if (statement != null) {
            r.put("statement", statement);
            r.putObject("options").put("strict", true);
        }
        if (noCache) {
            (r.has("options") ? (ObjectNode) r.get("options") : r.putObject("options")).put("noCache", true);
        }
        input.pipeInput(null, JSON.writeValueAsBytes(r));
    }

    @Test
    void aHitIsTheSameVerdictAsAFreshRunForTheGoedelSetAndTheCheatCorpus() throws Exception {
        Map<String, String[]> cases = new LinkedHashMap<>(); // name -> code, statement
        for (GoedelSet.Proof p : GoedelSet.load()) {
            cases.put("goedel/" + p.name(), new String[] {p.code(), null});
        }
        for (StatementFile.Entry e : StatementFile.read(
                SharedData.requireDataDir().resolve("cheats").resolve("manifest.jsonl"))) {
            cases.put("cheat/" + e.file().getFileName(), new String[] {Files.readString(e.file(),
                    StandardCharsets.UTF_8), e.statement()});
        }
        for (var round : List.of("first", "hit", "fresh")) {
            for (var c : cases.entrySet()) {
                send(c.getKey() + "#" + round, c.getValue()[0], c.getValue()[1], round.equals("fresh"));
            }
        }
        Map<String, VerificationResult> byId = new HashMap<>();
        results.readKeyValuesToList().forEach(kv -> assertThat(byId.put(kv.key, kv.value)).isNull());

        assertThat(byId).hasSize(3 * cases.size());
        SoftAssertions soft = new SoftAssertions();
        int hits = 0;
        int strict = 0;
        for (String name : cases.keySet()) {
            VerificationResult first = byId.get(name + "#first");
            VerificationResult hit = byId.get(name + "#hit");
            VerificationResult fresh = byId.get(name + "#fresh");
            if (!dev.leanverify.cache.CachedVerdict.cacheable(first)) {
                soft.assertThat(hit.getVerdictCache()).as(name + " not cacheable").isNull();
                continue;
            }
            hits++;
            strict += hit.getSoundness() != null ? 1 : 0;
            soft.assertThat(hit.getVerdictCache()).as(name).isEqualTo("hit");
            soft.assertThat(fresh.getVerdictCache()).as(name).isEqualTo("miss");
            for (VerificationResult other : List.of(first, fresh)) {
                String as = name + " hit vs " + (other == first ? "first" : "fresh");
                soft.assertThat(hit.getStatus()).as(as + ": status").isEqualTo(other.getStatus());
                soft.assertThat(hit.getMessages()).as(as + ": messages").isEqualTo(other.getMessages());
                soft.assertThat(withoutProofState(hit.getSorries())).as(as + ": sorries")
                        .isEqualTo(withoutProofState(other.getSorries()));
                soft.assertThat(hit.getSoundness()).as(as + ": soundness").isEqualTo(other.getSoundness());
                soft.assertThat(hit.getError()).as(as + ": error").isEqualTo(other.getError());
                soft.assertThat(hit.getMessagesTruncated()).as(as).isEqualTo(other.getMessagesTruncated());
                soft.assertThat(hit.getHeaderDigest()).as(as).isEqualTo(other.getHeaderDigest());
                soft.assertThat(hit.getLeanVersion()).as(as).isEqualTo(other.getLeanVersion());
            }
            // the set holds proofs with the same text: then even the first copy is a hit of the earlier one
            boolean firstWasHit = "hit".equals(first.getVerdictCache());
            soft.assertThat(hit.getOriginalLeanMs()).as(name)
                    .isEqualTo(firstWasHit ? first.getOriginalLeanMs() : first.getTiming().getLeanMs());
            soft.assertThat(hit.getOriginalReplId()).as(name)
                    .isEqualTo(firstWasHit ? first.getOriginalReplId() : first.getReplId());
        }
        soft.assertAll();
        assertThat(hits).as("cacheable verdicts compared").isGreaterThan(cases.size() / 2);
        assertThat(strict).as("strict verdicts compared").isGreaterThanOrEqualTo(10);
    }

    /** A sorry's proofState names a state inside the REPL that ran it; positions and goals must agree. */
    private static List<String> withoutProofState(List<Sorry> sorries) {
        List<String> out = new ArrayList<>();
        for (Sorry s : sorries) {
            out.add(s.getGoal() + "@" + s.getPos() + "-" + s.getEndPos());
        }
        return out;
    }
}
