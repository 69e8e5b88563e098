package dev.leanverify.codec.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes an Avro record as plain JSON with the schema's field names: unions appear as their
 * value (not Avro's {"type": value} wrapping), enums as their symbol. This is the JSON output
 * format, so any consumer reads results without Avro; the field names stay those of the schema.
 * Hand-written because Avro's own JSON encoding wraps unions and Jackson cannot see the schema.
 */
public final class AvroJsonWriter {
    private final JsonFactory factory = new JsonFactory();

    public byte[] write(IndexedRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator gen = factory.createGenerator(out)) {
            write(gen, record, record.getSchema());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator gen, Object datum, Schema schema) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) datum;
                gen.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    gen.writeFieldName(field.name());
                    write(gen, record.get(field.pos()), field.schema());
                }
                gen.writeEndObject();
            }
            case UNION -> {
                if (datum == null) {
                    gen.writeNull();
                } else {
                    int branch = GenericData.get().resolveUnion(schema, datum);
                    write(gen, datum, schema.getTypes().get(branch));
                }
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (Object item : (Collection<?>) datum) {
                    write(gen, item, schema.getElementType());
                }
                gen.writeEndArray();
            }
            case MAP -> {
                gen.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    gen.writeFieldName(e.getKey().toString());
                    write(gen, e.getValue(), schema.getValueType());
                }
                gen.writeEndObject();
            }
            case ENUM, STRING -> gen.writeString(datum.toString());
            case INT -> gen.writeNumber((Integer) datum);
            case LONG -> gen.writeNumber((Long) datum);
            case FLOAT -> gen.writeNumber((Float) datum);
            case DOUBLE -> gen.writeNumber((Double) datum);
            case BOOLEAN -> gen.writeBoolean((Boolean) datum);
            case NULL -> gen.writeNull();
            case BYTES -> gen.writeString(Base64.getEncoder().encodeToString(bytes((ByteBuffer) datum)));
            case FIXED -> gen.writeString(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            default -> throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
