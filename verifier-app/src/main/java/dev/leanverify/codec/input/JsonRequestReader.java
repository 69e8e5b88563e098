package dev.leanverify.codec.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a proof request written as a plain UTF-8 JSON object with the Avro schema's field names
 * (so kcat or any client can produce). Anything that is not a JSON object is undecodable; an
 * object with wrong or unknown fields decodes, with the problems listed for validation.
 */
public final class JsonRequestReader {
    static final Set<String> FIELDS = Set.of("id", "code", "timeoutSeconds", "options", "metadata", "statement");
    static final Set<String> OPTIONS = Set.of("allTactics", "infotree", "strict", "noCache");
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public IncomingProof read(byte[] value) throws Undecodable {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new Undecodable(Undecodable.Reason.NOT_UTF8, "the value is not valid UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark some editors and tools write
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Undecodable(Undecodable.Reason.NOT_JSON,
                    "the value is not JSON: " + e.getOriginalMessage() + location(e));
        }
        if (node == null || !node.isObject()) {
            throw new Undecodable(Undecodable.Reason.WRONG_SHAPE, "the value is JSON but not an object (it is "
                    + (node == null ? "empty" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + "); a proof request is an object with id and code");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "' (known: id, code, timeoutSeconds, options, metadata, statement)");
            }
        }
        String id = text(node, "id", problems);
        String code = text(node, "code", problems);
        Long timeout = null;
        JsonNode t = node.get("timeoutSeconds");
        if (t != null && !t.isNull()) {
            if (t.isIntegralNumber() && t.canConvertToLong()) {
                timeout = t.longValue();
            } else {
                problems.add("timeoutSeconds must be a whole number of seconds, was " + abbreviate(t.toString()));
            }
        }
        boolean allTactics = false;
        boolean noCache = false;
        Boolean strict = null;
        String infotree = null;
        JsonNode options = node.get("options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                problems.add("options must be an object, was " + abbreviate(options.toString()));
            } else {
                for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!OPTIONS.contains(name)) {
                        problems.add("unknown option '" + name + "' (known: allTactics, infotree, strict, noCache)");
                    }
                }
                allTactics = bool(options, "allTactics", problems);
                strict = options.hasNonNull("strict") ? bool(options, "strict", problems) : null;
                infotree = text(options, "infotree", problems);
                noCache = bool(options, "noCache", problems);
            }
        }
        String statement = text(node, "statement", problems);
        return new IncomingProof(id, code, timeout, allTactics, infotree, strict, metadata(node, problems), problems,
                statement, noCache);
    }

    private static String text(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(field + " must be a string, was " + abbreviate(v.toString()));
            return null;
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            problems.add("options." + field + " must be true or false, was " + abbreviate(v.toString()));
            return false;
        }
        return v.booleanValue();
    }

    /** Metadata values are strings; numbers and booleans are kept as their text. */
    private static Map<String, String> metadata(JsonNode node, List<String> problems) {
        JsonNode m = node.get("metadata");
        Map<String, String> metadata = new LinkedHashMap<>();
        if (m == null || m.isNull()) {
            return metadata;
        }
        if (!m.isObject()) {
            problems.add("metadata must be an object of strings, was " + abbreviate(m.toString()));
            return metadata;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                metadata.put(e.getKey(), v.textValue());
            } else if (v.isNumber() || v.isBoolean()) {
                metadata.put(e.getKey(), v.asText());
            } else if (!v.isNull()) {
                problems.add("metadata." + e.getKey() + " must be a string, was " + abbreviate(v.toString()));
            }
        }
        return metadata;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")";
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
