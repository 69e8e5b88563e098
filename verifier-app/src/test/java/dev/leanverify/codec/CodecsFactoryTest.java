package dev.leanverify.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.config.Settings;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.AvroDeserializer;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CodecsFactoryTest {
    private static VerificationResult result() {
        return VerificationResult.newBuilder().setId("p").setStatus(VerificationStatus.SORRY).setMessages(List.of())
                .setSorries(List.of()).setTiming(Timing.newBuilder().setQueueMs(0).setHeaderLoadMs(null).setLeanMs(1)
                        .setTotalMs(1).build()).setMetadata(Map.of("run_id", "r")).build();
    }

    private static StreamSettings settings(Map<String, String> values) {
        return StreamSettings.from(Settings.load(null, Map.of(), values));
    }

    @Test
    void avroOutputIsTheConfluentWireFormatThroughTheRegistry() {
        SchemaRegistries registries = new SchemaRegistries();
        Codecs codecs = CodecsFactory.create(settings(Map.of("output.format", "avro", "schema.registry.url",
                "mock://codecs-test")), registries);

        byte[] bytes = codecs.results().serializer().serialize("lean.results", result());

        assertThat(bytes[0]).as("magic byte").isZero();
        assertThat(registries.forUrl("mock://codecs-test").subjects()).contains("lean.results-value");
        VerificationResult read = AvroDeserializer.of(registries.forUrl("mock://codecs-test"), VerificationResult.class)
                .deserialize("lean.results", bytes);
        assertThat(read).isEqualTo(result());
    }

    @Test
    void jsonOutputIsPlainJsonByDefault() {
        Codecs codecs = CodecsFactory.create(settings(Map.of()), new SchemaRegistries());

        byte[] bytes = codecs.results().serializer().serialize("lean.results", result());

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"id\":\"p\",\"status\":\"SORRY\"");
        assertThat(codecs.results().deserializer().deserialize("lean.results", bytes)).isEqualTo(result());
    }
}
