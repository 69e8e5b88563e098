package dev.leanverify.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.registry.SchemaRegistry;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.testing.EmbeddedStack;
import dev.leanverify.testing.GoedelSet;
import dev.leanverify.testing.MalformedCorpus;
import dev.leanverify.testing.TranscriptCases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The whole-pipeline check, on whatever cluster a stack points at: the Goedel set, the
 * transcript cases and a corpus of bad records, interleaved, each end exactly once where they
 * belong (results read read_committed, dead letters by reason).
 */
final class FullPipelineScenario {
    private final EmbeddedStack stack;
    private final ObjectMapper mapper = new ObjectMapper();

    FullPipelineScenario(EmbeddedStack stack) {
        this.stack = stack;
    }

    private byte[] request(String id, String code, boolean allTactics, String infotree, String caseName) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", id);
        o.put("code", code);
        if (allTactics || infotree != null) {
            ObjectNode options = o.putObject("options");
            options.put("allTactics", allTactics);
            if (infotree != null) {
                options.put("infotree", infotree);
            }
        }
        o.putObject("metadata").put("case", caseName);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the scenario with these verifier settings (topics named after {@code name}). */
    void run(String name, Map<String, String> settings) {
        stack.startVerifier(settings);
        SchemaRegistry registry = stack.registries().forUrl(settings.get("schema.registry.url"));
        List<MalformedCorpus.Entry> corpus = MalformedCorpus.entries("", registry, name + ".proofs-value");

        Map<String, String> expectedStatus = new HashMap<>();
        List<byte[][]> valid = new ArrayList<>();
        for (GoedelSet.Proof p : GoedelSet.load()) {
            valid.add(new byte[][] {null, request(p.name(), p.code(), false, null, "goedel")});
            expectedStatus.put(p.name(), p.status().name());
        }
        for (TranscriptCases.Case c : TranscriptCases.load()) {
            String id = "transcript/" + c.name();
            valid.add(new byte[][] {null, request(id, c.code(), c.allTactics(), c.infotree(), "transcript")});
            expectedStatus.put(id, c.status().name());
        }
        // a duplicate of the first Goedel proof: dead-lettered, no second result
        byte[] duplicate = valid.get(0)[1];
        List<byte[][]> records = new ArrayList<>();
        int c = 0;
        for (int i = 0; i < valid.size(); i++) {
            records.add(valid.get(i));
            if (i % 2 == 1 && c < corpus.size()) {
                MalformedCorpus.Entry e = corpus.get(c++);
                records.add(new byte[][] {EmbeddedStack.utf8(e.key()), e.value()});
            }
        }
        while (c < corpus.size()) {
            MalformedCorpus.Entry e = corpus.get(c++);
            records.add(new byte[][] {EmbeddedStack.utf8(e.key()), e.value()});
        }
        records.add(new byte[][] {EmbeddedStack.utf8("dup"), duplicate});

        List<RecordMetadata> sent = stack.send(name + ".proofs", records);

        Map<String, MalformedCorpus.Entry> invalidById = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String key = records.get(i)[0] == null ? null : new String(records.get(i)[0], StandardCharsets.UTF_8);
            for (MalformedCorpus.Entry e : corpus) {
                if (e.key().equals(key) && !e.deadLetter()) {
                    String id = e.resultId() != null ? e.resultId()
                            : sent.get(i).topic() + "-" + sent.get(i).partition() + "@" + sent.get(i).offset();
                    invalidById.put(id, e);
                }
            }
        }
        Set<String> expectedIds = new HashSet<>(expectedStatus.keySet());
        expectedIds.addAll(invalidById.keySet());
        List<ConsumerRecord<byte[], byte[]>> results = stack.readCommitted(name + ".results",
                read -> read.size() >= expectedIds.size(), Duration.ofMinutes(4), Duration.ofSeconds(3));

        Map<String, VerificationResult> byId = new HashMap<>();
        int wrongStatus = 0;
        for (ConsumerRecord<byte[], byte[]> r : results) {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            VerificationResult result = stack.result(r);
            assertThat(byId.put(id, result)).as("exactly one result for " + id).isNull();
        }
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds);
        for (Map.Entry<String, String> e : expectedStatus.entrySet()) {
            VerificationResult r = byId.get(e.getKey());
            if (!r.getStatus().name().equals(e.getValue())) {
                wrongStatus++;
            }
            assertThat(r.getStatus().name()).as(e.getKey() + ": " + r.getError()).isEqualTo(e.getValue());
            assertThat(r.getLeanVersion()).isEqualTo("simulated");
            assertThat(r.getMetadata()).containsKey("case");
        }
        for (Map.Entry<String, MalformedCorpus.Entry> e : invalidById.entrySet()) {
            VerificationResult r = byId.get(e.getKey());
            assertThat(r.getStatus().name()).as(e.getValue().name()).isEqualTo("INVALID_REQUEST");
            assertThat(r.getError()).as(e.getValue().name()).contains(e.getValue().reasonWords());
        }

        long deadExpected = corpus.stream().filter(MalformedCorpus.Entry::deadLetter).count() + 1;
        List<ConsumerRecord<byte[], byte[]>> dead = stack.readCommitted(name + ".dlq",
                read -> read.size() >= deadExpected, Duration.ofMinutes(1), Duration.ofSeconds(2));
        assertThat(dead).hasSize((int) deadExpected);
        Map<String, String> reasonByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            String key = new String(d.key(), StandardCharsets.UTF_8);
            reasonByKey.put(key, new String(d.headers().lastHeader("leanverify.dlq.reason").value(), StandardCharsets.UTF_8));
        }
        for (MalformedCorpus.Entry e : corpus) {
            if (e.deadLetter()) {
                assertThat(reasonByKey.get(e.key())).as(e.name()).isEqualTo(e.dlqReason());
            }
        }
        assertThat(reasonByKey.values()).contains("duplicate-id");
        System.out.printf("integration: %d records sent (%d proofs, %d bad kinds + 1 duplicate); %d results "
                        + "(%d with recorded verdicts, %d INVALID_REQUEST), %d dead letters; lost 0, duplicated 0,"
                        + " wrong status %d%n", records.size(), expectedStatus.size(), corpus.size(), results.size(),
                expectedStatus.size(), invalidById.size(), dead.size(), wrongStatus);
    }
}
