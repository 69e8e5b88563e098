package dev.leanverify.codec;

import dev.leanverify.schema.ProofRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the verifier's internal repartition topics: Avro single-object encoding (a schema
 * fingerprint, then Avro binary), which needs no registry and refuses data of an unknown schema
 * instead of misreading it.
 */
public final class ProofRequestSerde implements Serde<ProofRequest> {

    public ProofRequestSerde() {
        dev.leanverify.schema.GeneratedClasses.trust();
    }

    @Override
    public Serializer<ProofRequest> serializer() {
        return (topic, request) -> {
            if (request == null) {
                return null;
            }
            try {
                ByteBuffer buffer = ProofRequest.getEncoder().encode(request);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public Deserializer<ProofRequest> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return ProofRequest.getDecoder().decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read a proof request from internal topic " + topic, e);
            }
        };
    }
}
