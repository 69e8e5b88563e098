package dev.leanverify.codec.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.schema.LeanMessage;
import dev.leanverify.schema.Position;
import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AvroJsonTest {
    private final AvroJsonWriter writer = new AvroJsonWriter();
    private final AvroJsonReader reader = new AvroJsonReader();

    private static VerificationResult sample() {
        return VerificationResult.newBuilder()
                .setId("p1").setStatus(VerificationStatus.LEAN_ERROR)
                .setMessages(List.of(LeanMessage.newBuilder().setSeverity("error").setPos(new Position(3, 4))
                        .setEndPos(null).setData("unknown identifier").build()))
                .setSorries(List.of())
                .setTiming(Timing.newBuilder().setQueueMs(5).setHeaderLoadMs(null).setLeanMs(120).setTotalMs(130).build())
                .setMetadata(Map.of("run", "r1"))
                .setLeanVersion("simulated")
                .build();
    }

    @Test
    void writesPlainJsonWithTheSchemaFieldNames() throws Exception {
        JsonNode json = new ObjectMapper().readTree(writer.write(sample()));

        assertThat(json.get("status").asText()).isEqualTo("LEAN_ERROR");
        assertThat(json.get("messages").get(0).get("pos").get("line").asInt()).isEqualTo(3);
        assertThat(json.get("messages").get(0).get("endPos").isNull()).isTrue();
        assertThat(json.get("timing").get("headerLoadMs").isNull()).isTrue();
        assertThat(json.get("metadata").get("run").asText()).isEqualTo("r1");
        assertThat(json.get("leanVersion").asText()).isEqualTo("simulated");
    }

    @Test
    void readsBackWhatItWrote() {
        VerificationResult original = sample();

        VerificationResult read = reader.read(writer.write(original), VerificationResult.class,
                VerificationResult.getClassSchema());

        assertThat(read).isEqualTo(original);
    }

    @Test
    void readerFillsDefaultsAndIgnoresUnknownFields() {
        String json = "{\"id\": \"x\", \"status\": \"SOMETHING_NEW\", \"timing\": {\"queueMs\": 1, \"leanMs\": 2,"
                + " \"totalMs\": 3}, \"addedLater\": true}";

        VerificationResult read = reader.read(json.getBytes(), VerificationResult.class,
                VerificationResult.getClassSchema());

        assertThat(read.getStatus()).isEqualTo(VerificationStatus.INTERNAL_ERROR);
        assertThat(read.getMessages()).isEmpty();
        assertThat(read.getTiming().getHeaderLoadMs()).isNull();
    }
}
