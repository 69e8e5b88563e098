package dev.leanverify.registry;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serializer writing a generated Avro record class in the Confluent wire format, its
 * schema registered under the topic's key or value subject. Built with its registry, so
 * {@link #configure} is not needed. A null record is written as null (a tombstone).
 *
 * @param <T> the generated record class
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final AvroWireCodec<T> codec;
    private final TopicNameStrategy part;

    public AvroSerializer(AvroWireCodec<T> codec, TopicNameStrategy part) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.part = Objects.requireNonNull(part, "part");
    }

    /** A serializer of record values, registered under {@code <topic>-value}. */
    public static <T extends SpecificRecord> AvroSerializer<T> forValues(
            SchemaRegistry registry, Class<T> type) {
        return new AvroSerializer<>(new AvroWireCodec<>(registry, type), TopicNameStrategy.VALUE);
    }

    /** A serializer of record keys, registered under {@code <topic>-key}. */
    public static <T extends SpecificRecord> AvroSerializer<T> forKeys(
            SchemaRegistry registry, Class<T> type) {
        return new AvroSerializer<>(new AvroWireCodec<>(registry, type), TopicNameStrategy.KEY);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(part.subject(topic), data);
    }
}
