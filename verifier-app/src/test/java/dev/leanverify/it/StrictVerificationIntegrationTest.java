package dev.leanverify.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.sim.SharedData;
import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.testing.EmbeddedStack;
import dev.leanverify.tools.ProofPayloads;
import dev.leanverify.tools.StatementFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cheat corpus through Kafka (an embedded broker, the simulated REPL as a test double): strict
 * requests in JSON and in Confluent Avro get the corpus's expected statuses and layers, and the
 * same proofs without strict mode keep their non-strict verdicts.
 */
@Tag("integration")
class StrictVerificationIntegrationTest {
    private static EmbeddedStack stack;

    @BeforeAll
    static void startBroker() {
        stack = EmbeddedStack.start();
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theCheatCorpusGetsTheSameVerdictsThroughKafkaInJsonAndAvro() throws Exception {
        Map<String, String> settings = stack.settings("strict");
        stack.startVerifier(settings);
        AvroWireCodec<ProofRequest> avro = new AvroWireCodec<>(
                stack.registries().forUrl(settings.get("schema.registry.url")), ProofRequest.class);
        List<StatementFile.Entry> corpus = StatementFile.read(
                SharedData.requireDataDir().resolve("cheats").resolve("manifest.jsonl"));
        List<byte[][]> records = new ArrayList<>();
        Map<String, StatementFile.Entry> byId = new HashMap<>();
        for (StatementFile.Entry e : corpus) {
            String name = e.file().getFileName().toString();
            String code = Files.readString(e.file(), StandardCharsets.UTF_8);
            records.add(new byte[][] {null, ProofPayloads.json("json/" + name, code, null, false, null,
                    Map.of("case", name), true, e.statement())});
            records.add(new byte[][] {null, avro.encode("strict.proofs-value", ProofRequest.newBuilder()
                    .setId("avro/" + name).setCode(code).setStatement(e.statement())
                    .setOptions(ProofOptions.newBuilder().setStrict(true).build()).build())});
            records.add(new byte[][] {null, ProofPayloads.json("plain/" + name, code, null, false, null,
                    Map.of("case", name))});
            byId.put("json/" + name, e);
            byId.put("avro/" + name, e);
            byId.put("plain/" + name, e);
        }
        stack.send("strict.proofs", records);

        List<ConsumerRecord<byte[], byte[]>> read = stack.readCommitted("strict.results",
                r -> r.size() >= records.size(), Duration.ofMinutes(3), Duration.ofSeconds(2));

        Map<String, VerificationResult> results = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            results.put(new String(r.key(), StandardCharsets.UTF_8), stack.result(r));
        }
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(byId.keySet());
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, StatementFile.Entry> e : byId.entrySet()) {
            VerificationResult r = results.get(e.getKey());
            String expect = e.getValue().field("expect");
            if (e.getKey().startsWith("plain/")) {
                soft.assertThat(r.getStatus().name()).as(e.getKey())
                        .isEqualTo(expect.equals("UNSOUND") ? "VERIFIED" : expect);
                soft.assertThat(r.getSoundness()).as(e.getKey()).isNull();
                continue;
            }
            soft.assertThat(r.getStatus().name()).as(e.getKey() + ": " + r.getError()).isEqualTo(expect);
            if (expect.equals("UNSOUND")) {
                soft.assertThat(r.getSoundness().getLayer()).as(e.getKey()).isEqualTo(e.getValue().field("layer"));
            }
            if (expect.equals("VERIFIED")) {
                soft.assertThat(r.getSoundness().getAxioms()).as(e.getKey()).isNotEmpty();
            }
        }
        soft.assertAll();
    }
}
