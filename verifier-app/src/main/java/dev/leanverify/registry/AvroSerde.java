package dev.leanverify.registry;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serializer and deserializer of one generated Avro record class as a Kafka {@link Serde},
 * sharing one codec (and so one reader cache), for passing to topics and Kafka Streams explicitly.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(AvroWireCodec<T> codec, TopicNameStrategy part) {
        this.serializer = new AvroSerializer<>(codec, part);
        this.deserializer = new AvroDeserializer<>(codec);
    }

    /** A serde of record values, registered under {@code <topic>-value}. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(new AvroWireCodec<>(registry, type), TopicNameStrategy.VALUE);
    }

    /** A serde of record keys, registered under {@code <topic>-key}. */
    public static <T extends SpecificRecord> AvroSerde<T> forKeys(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(new AvroWireCodec<>(registry, type), TopicNameStrategy.KEY);
    }

    /** A serde over an existing codec. */
    public static <T extends SpecificRecord> AvroSerde<T> of(AvroWireCodec<T> codec, TopicNameStrategy part) {
        return new AvroSerde<>(Objects.requireNonNull(codec, "codec"), Objects.requireNonNull(part, "part"));
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
