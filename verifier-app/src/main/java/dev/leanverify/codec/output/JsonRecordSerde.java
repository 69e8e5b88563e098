package dev.leanverify.codec.output;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Plain-JSON serde of an Avro record class: the JSON output format. */
public final class JsonRecordSerde<T extends SpecificRecord> implements Serde<T> {
    private final Class<T> type;
    private final Schema schema;
    private final AvroJsonWriter writer = new AvroJsonWriter();
    private final AvroJsonReader reader = new AvroJsonReader();

    public JsonRecordSerde(Class<T> type, Schema schema) {
        this.type = Objects.requireNonNull(type, "type");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : writer.write(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.read(bytes, type, schema);
            } catch (AvroJsonReader.MismatchException e) {
                throw new SerializationException("not a " + schema.getName() + " in JSON: " + e.getMessage(), e);
            }
        };
    }
}
