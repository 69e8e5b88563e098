package dev.leanverify.registry;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer reading a generated Avro record class from the Confluent wire format
 * (see {@link AvroWireCodec#decode} for what it throws). Built with its registry, so
 * {@link #configure} is not needed. Null bytes (a tombstone) read as null.
 *
 * @param <T> the generated record class
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final AvroWireCodec<T> codec;

    public AvroDeserializer(AvroWireCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** A deserializer of this class through this registry. */
    public static <T extends SpecificRecord> AvroDeserializer<T> of(SchemaRegistry registry, Class<T> type) {
        return new AvroDeserializer<>(new AvroWireCodec<>(registry, type));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }
}
