package dev.leanverify.repl.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields of a REPL object that this client does not know (a newer REPL may add some). They are
 * kept, in order, so that a parsed object re-serializes to the same JSON value.
 */
public final class Extra {
    private static final Extra NONE = new Extra(Map.of());
    private final Map<String, JsonNode> fields;

    private Extra(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    public static Extra none() {
        return NONE;
    }

    public static Extra of(Map<String, JsonNode> fields) {
        return fields.isEmpty() ? NONE : new Extra(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
    }

    public Map<String, JsonNode> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extra other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
