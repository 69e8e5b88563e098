package dev.leanverify.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON for {@link Sample}s on the internal repartition topic (internal, so no schema registry involved). */
final class SampleSerde implements Serde<Sample> {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Serializer<Sample> serializer() {
        return (topic, sample) -> {
            try {
                return sample == null ? null : mapper.writeValueAsBytes(sample);
            } catch (IOException e) {
                throw new SerializationException("cannot write a stats sample: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<Sample> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : mapper.readValue(bytes, Sample.class);
            } catch (IOException e) {
                throw new SerializationException("unreadable stats sample on " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
