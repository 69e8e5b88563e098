package dev.leanverify.codec.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the plain JSON that {@link AvroJsonWriter} writes back into a specific record: missing
 * fields take their schema defaults, unknown fields are ignored (a newer writer may add some).
 * Used by the tools that consume results.
 */
public final class AvroJsonReader {
    private final ObjectMapper mapper = new ObjectMapper();

    public AvroJsonReader() {
        dev.leanverify.schema.GeneratedClasses.trust();
    }

    /** Thrown when the JSON does not fit the schema; the message gives the field path. */
    public static final class MismatchException extends RuntimeException {
        MismatchException(String message) {
            super(message);
        }
    }

    public <T extends SpecificRecord> T read(byte[] json, Class<T> type, Schema schema) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw new MismatchException("not JSON: " + e.getMessage());
        }
        return read(node, type, schema);
    }

    public <T extends SpecificRecord> T read(JsonNode node, Class<T> type, Schema schema) {
        Object generic = convert(node, schema, schema.getName());
        return type.cast(SpecificData.get().deepCopy(schema, generic));
    }

    private Object convert(JsonNode node, Schema schema, String path) {
        switch (schema.getType()) {
            case RECORD -> {
                if (node == null || !node.isObject()) {
                    throw new MismatchException(path + ": expected an object");
                }
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode value = node.get(field.name());
                    if (value == null) {
                        if (!field.hasDefaultValue()) {
                            throw new MismatchException(path + "." + field.name() + ": missing");
                        }
                        record.put(field.pos(), GenericData.get().getDefaultValue(field));
                    } else {
                        record.put(field.pos(), convert(value, field.schema(), path + "." + field.name()));
                    }
                }
                return record;
            }
            case UNION -> {
                if (node == null || node.isNull()) {
                    if (schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
                        return null;
                    }
                    throw new MismatchException(path + ": null where a value is required");
                }
                MismatchException last = null;
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() == Schema.Type.NULL) {
                        continue;
                    }
                    try {
                        return convert(node, branch, path);
                    } catch (MismatchException e) {
                        last = e;
                    }
                }
                throw last != null ? last : new MismatchException(path + ": no union branch fits");
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw new MismatchException(path + ": expected a list");
                }
                List<Object> items = new ArrayList<>(node.size());
                int i = 0;
                for (JsonNode item : node) {
                    items.add(convert(item, schema.getElementType(), path + "[" + i++ + "]"));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw new MismatchException(path + ": expected an object");
                }
                Map<String, Object> map = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), convert(e.getValue(), schema.getValueType(), path + "." + e.getKey()));
                }
                return map;
            }
            case ENUM -> {
                if (!node.isTextual()) {
                    throw new MismatchException(path + ": expected a symbol");
                }
                String symbol = node.textValue();
                if (!schema.hasEnumSymbol(symbol)) {
                    if (schema.getEnumDefault() == null) {
                        throw new MismatchException(path + ": unknown symbol " + symbol);
                    }
                    symbol = schema.getEnumDefault();
                }
                return new GenericData.EnumSymbol(schema, symbol);
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw new MismatchException(path + ": expected a string");
                }
                return node.textValue();
            }
            case INT -> {
                if (!node.isInt()) {
                    throw new MismatchException(path + ": expected an int");
                }
                return node.intValue();
            }
            case LONG -> {
                if (!node.isIntegralNumber()) {
                    throw new MismatchException(path + ": expected a long");
                }
                return node.longValue();
            }
            case FLOAT -> {
                return (float) node.asDouble();
            }
            case DOUBLE -> {
                return node.asDouble();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new MismatchException(path + ": expected true or false");
                }
                return node.booleanValue();
            }
            case NULL -> {
                return null;
            }
            case BYTES -> {
                return java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
            }
            default -> throw new MismatchException(path + ": unsupported type " + schema.getType());
        }
    }
}
