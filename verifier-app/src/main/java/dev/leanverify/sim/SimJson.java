package dev.leanverify.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON text to and from Jackson trees with the streaming parser and generator only. The simulator
 * starts a JVM per REPL process, and creating an {@code ObjectMapper} costs a fresh JVM about a
 * third of a second; trees built here are the same values the mapper would build (ints as int
 * nodes, other integers as long or big-integer nodes, decimals as double nodes).
 */
final class SimJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final JsonFactory factory = new JsonFactory();

    /**
     * Reads one JSON value; text after it is an error, as it is for the REPL.
     *
     * @throws IOException if the text is not exactly one JSON value
     */
    JsonNode read(String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value (empty input)");
            }
            JsonNode value = value(parser);
            if (parser.nextToken() != null) {
                throw new IOException("text after the JSON value at " + parser.currentLocation());
            }
            return value;
        }
    }

    /** The value pretty-printed over several lines (never a blank one), ending with a line break. */
    String pretty(JsonNode value) {
        return render(value, true) + "\n";
    }

    /** The value on one line. */
    String compact(JsonNode value) {
        return render(value, false);
    }

    private String render(JsonNode value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            if (pretty) {
                generator.setPrettyPrinter(new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter("  ", "\n")));
            }
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e);
        }
        return out.toString();
    }

    private static JsonNode value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.set(name, value(p));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected " + p.currentToken() + " at " + p.currentLocation());
        }
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                g.writeFieldName(field.getKey());
                write(g, field.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isNumber()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else {
            g.writeNull();
        }
    }
}
