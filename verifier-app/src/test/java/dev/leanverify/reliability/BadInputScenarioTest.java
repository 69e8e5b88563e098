package dev.leanverify.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.registry.SchemaRegistry;
import dev.leanverify.service.VerifierService;
import dev.leanverify.testing.EmbeddedStack;
import dev.leanverify.testing.MalformedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5, bad input: the malformed corpus (truncated Avro, wrong magic byte, unknown schema
 * id, null value, non-UTF-8 and wrongly shaped JSON, missing id, empty, 10 MB, NUL-laden and
 * header-only code, absurd timeouts, unknown options, ...) plus a duplicate id, interleaved with
 * valid proofs. Each bad record lands in the dead-letter topic with its reason or as an
 * INVALID_REQUEST result with its reason, exactly once; every valid proof is verified.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith({ScenarioReport.class, SharedBroker.class})
class BadInputScenarioTest {

    @Test
    void everyBadRecordLandsInTheDlqOrAsInvalidRequestAndTheValidOnesAreVerified(EmbeddedStack stack,
                                                                                ScenarioReport.Table table)
            throws IOException {
        String name = "bad-input";
        Map<String, String> settings = stack.settings(name);
        settings.put("lean.sim.recordings", "none");
        settings.put("lean.project.dir", Files.createTempDirectory("bad-input-").toString());
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        VerifierService service = stack.startVerifier(settings);
        SchemaRegistry registry = stack.registries().forUrl(settings.get("schema.registry.url"));
        List<MalformedCorpus.Entry> corpus = MalformedCorpus.entries("", registry, name + ".proofs-value");

        List<byte[][]> records = new ArrayList<>();
        List<MalformedCorpus.Entry> entryAt = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            records.add(Proofs.verified("valid-" + i, 5));
            entryAt.add(null);
            ledger.expect("valid-" + i, "VERIFIED");
            MalformedCorpus.Entry e = corpus.get(i);
            records.add(new byte[][] {e.key().getBytes(StandardCharsets.UTF_8), e.value()});
            entryAt.add(e);
        }
        // the same id again: dead-lettered as a duplicate, with no second result
        records.add(new byte[][] {"dup".getBytes(StandardCharsets.UTF_8), records.get(0)[1]});
        entryAt.add(null);
        ledger.expect(CommittedReader.DLQ + "valid-0", "DLQ:duplicate-id");
        int kinds = corpus.size() + 1;

        Map<String, MalformedCorpus.Entry> invalidById = new LinkedHashMap<>();
        try {
            List<RecordMetadata> sent = stack.send(name + ".proofs", records);
            for (int i = 0; i < records.size(); i++) {
                MalformedCorpus.Entry e = entryAt.get(i);
                if (e == null) {
                    continue;
                }
                if (e.deadLetter()) {
                    ledger.expect(CommittedReader.DLQ + e.key(), "DLQ:" + e.dlqReason());
                } else {
                    RecordMetadata m = sent.get(i);
                    String id = e.resultId() != null ? e.resultId() : m.topic() + "-" + m.partition() + "@" + m.offset();
                    ledger.expect(id, "INVALID_REQUEST");
                    invalidById.put(id, e);
                }
            }
            try (CommittedReader reader = new CommittedReader(stack.bootstrapServers(), ledger,
                    List.of(name + ".results"), name + ".dlq")) {
                reader.until(ledger::allSeen, Duration.ofMinutes(4), "an outcome for every record");
                reader.settle(Duration.ofSeconds(2), Duration.ofMinutes(1));
            }
            assertThat(service.app().state()).isEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            long dead = corpus.stream().filter(MalformedCorpus.Entry::deadLetter).count() + 1;
            table.record(ledger.row(name, Duration.ofNanos(System.nanoTime() - t0), kinds + " bad kinds ("
                    + dead + " to the DLQ, " + (kinds - dead) + " INVALID_REQUEST) interleaved with "
                    + corpus.size() + " valid proofs"));
        }
        assertThat(kinds).as("kinds of bad input").isGreaterThanOrEqualTo(30);
        assertThat(ledger.problems()).isEmpty();
        invalidById.forEach((id, e) -> assertThat(ledger.outcomesOf(id).get(0).detail()).as(e.name())
                .contains(e.reasonWords()));
    }
}
