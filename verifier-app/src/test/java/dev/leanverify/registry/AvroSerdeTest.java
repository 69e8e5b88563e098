package dev.leanverify.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.schema.ProofRequest;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AvroSerdeTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("mock://serde-test");

    private static ProofRequest proof() {
        return ProofRequest.newBuilder().setId("p-1").setCode("example : True := trivial").setMetadata(Map.of()).build();
    }

    @Test
    void valueSerdeRegistersUnderTheTopicValueSubjectAndRoundTrips() {
        AvroSerde<ProofRequest> serde = AvroSerde.forValues(registry, ProofRequest.class);

        byte[] bytes = serde.serializer().serialize("lean.proofs", proof());

        assertThat(registry.subjects()).containsExactly("lean.proofs-value");
        assertThat(serde.deserializer().deserialize("lean.proofs", bytes)).isEqualTo(proof());
    }

    @Test
    void keySerializerRegistersUnderTheTopicKeySubject() {
        AvroSerializer.forKeys(registry, ProofRequest.class).serialize("lean.proofs", proof());

        assertThat(registry.subjects()).containsExactly("lean.proofs-key");
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(AvroSerializer.forValues(registry, ProofRequest.class).serialize("lean.proofs", null)).isNull();
        assertThat(AvroDeserializer.of(registry, ProofRequest.class).deserialize("lean.proofs", null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void deserializerReportsWhyBytesAreUndecodable() {
        AvroDeserializer<ProofRequest> deserializer = AvroDeserializer.of(registry, ProofRequest.class);

        assertThatThrownBy(() -> deserializer.deserialize("lean.proofs", new byte[] {1, 0, 0, 0, 1}))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.BAD_MAGIC_BYTE));
    }

    @Test
    void subjectsFollowTheTopicNameStrategy() {
        assertThat(TopicNameStrategy.VALUE.subject("lean.results")).isEqualTo("lean.results-value");
        assertThat(TopicNameStrategy.KEY.subject("lean.results")).isEqualTo("lean.results-key");
        assertThatThrownBy(() -> TopicNameStrategy.VALUE.subject("")).isInstanceOf(IllegalArgumentException.class);
    }
}
