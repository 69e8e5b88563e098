package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.schema.ProofRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class InFlightSerdeTest {
    private final InFlightSerde serde = new InFlightSerde();

    @Test
    void anInFlightProofComesBackWithItsRequestTimestampAndHeaders() {
        var headers = new RecordHeaders();
        headers.add(dev.leanverify.stream.RecordHeaders.SOURCE, "proofs-3@17".getBytes(StandardCharsets.UTF_8));
        headers.add("empty", null);
        ProofRequest request = ProofRequest.newBuilder().setId("p").setCode("theorem t : True := trivial")
                .setMetadata(Map.of("run", "r1")).build();

        byte[] bytes = serde.serializer().serialize("t", new InFlight(request, 42L, headers));
        InFlight back = serde.deserializer().deserialize("t", bytes);

        assertThat(back.request()).isEqualTo(request);
        assertThat(back.timestamp()).isEqualTo(42L);
        assertThat(dev.leanverify.stream.RecordHeaders.get(back.headers(), dev.leanverify.stream.RecordHeaders.SOURCE))
                .isEqualTo("proofs-3@17");
        assertThat(back.headers().lastHeader("empty").value()).isNull();
    }

    @Test
    void bytesOfAnotherFormatAreRefusedNotMisread() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }
}
