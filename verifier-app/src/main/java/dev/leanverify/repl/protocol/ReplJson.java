package dev.leanverify.repl.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Converts protocol types to and from JSON. Written by hand rather than with Jackson data binding
 * because the protocol needs three things binding makes awkward: absent and empty lists are
 * different values, unknown fields must survive a round trip, and the response kind is told by
 * which fields are present.
 */
public final class ReplJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Null for the shared default mapper, made on first use: creating one costs a fresh JVM ~0.3 s. */
    private final ObjectMapper mapper;

    public ReplJson(ObjectMapper mapper) {
        this.mapper = java.util.Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * A codec with a default {@link ObjectMapper}, created only when text is read or written: the
     * tree conversions ({@code toJson}, {@code requestFromJson}, {@code responseFromJson}) never need
     * it, which lets a short-lived process such as the simulated REPL start without it.
     */
    public ReplJson() {
        this.mapper = null;
    }

    private ObjectMapper mapper() {
        return mapper != null ? mapper : DefaultMapper.INSTANCE;
    }

    /** Holder of the default mapper, initialized on first use (ObjectMapper is thread-safe once configured). */
    private static final class DefaultMapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    // ---------------------------------------------------------------- requests

    /** The request as one line of JSON (no line breaks: the REPL reads a request up to a blank line). */
    public String requestLine(ReplRequest request) {
        try {
            return mapper().writeValueAsString(toJson(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write request " + request, e);
        }
    }

    public ObjectNode toJson(ReplRequest request) {
        ObjectNode o = NODES.objectNode();
        if (request instanceof ReplRequest.Command c) {
            o.put("cmd", c.cmd());
            putIfPresent(o, "env", c.env());
            putIfPresent(o, "allTactics", c.allTactics());
            putIfPresent(o, "rootGoals", c.rootGoals());
            putIfPresent(o, "infotree", c.infotree());
        } else if (request instanceof ReplRequest.File f) {
            o.put("path", f.path());
            putIfPresent(o, "env", f.env());
            putIfPresent(o, "allTactics", f.allTactics());
            putIfPresent(o, "rootGoals", f.rootGoals());
            putIfPresent(o, "infotree", f.infotree());
        } else if (request instanceof ReplRequest.TacticStep t) {
            o.put("tactic", t.tactic());
            o.put("proofState", t.proofState());
        } else if (request instanceof ReplRequest.Pickle p) {
            o.put("pickleTo", p.pickleTo());
            putIfPresent(o, "env", p.env());
            putIfPresent(o, "proofState", p.proofState());
        } else if (request instanceof ReplRequest.UnpickleEnv u) {
            o.put("unpickleEnvFrom", u.unpickleEnvFrom());
        } else if (request instanceof ReplRequest.UnpickleProofState u) {
            o.put("unpickleProofStateFrom", u.unpickleProofStateFrom());
            putIfPresent(o, "env", u.env());
        }
        request.extra().fields().forEach(o::set);
        return o;
    }

    public ReplRequest parseRequest(String json) throws ReplProtocolException {
        return requestFromJson(readObject(json, "request"));
    }

    public ReplRequest requestFromJson(JsonNode node) throws ReplProtocolException {
        Fields f = new Fields(node, "request");
        if (f.has("cmd")) {
            return new ReplRequest.Command(f.string("cmd"), f.optInt("env"), f.optBool("allTactics"),
                    f.optBool("rootGoals"), f.optString("infotree"), f.extra());
        }
        if (f.has("path")) {
            return new ReplRequest.File(f.string("path"), f.optInt("env"), f.optBool("allTactics"),
                    f.optBool("rootGoals"), f.optString("infotree"), f.extra());
        }
        if (f.has("tactic")) {
            return new ReplRequest.TacticStep(f.string("tactic"), f.integer("proofState"), f.extra());
        }
        if (f.has("pickleTo")) {
            return new ReplRequest.Pickle(f.string("pickleTo"), f.optInt("env"), f.optInt("proofState"), f.extra());
        }
        if (f.has("unpickleEnvFrom")) {
            return new ReplRequest.UnpickleEnv(f.string("unpickleEnvFrom"), f.extra());
        }
        if (f.has("unpickleProofStateFrom")) {
            return new ReplRequest.UnpickleProofState(f.string("unpickleProofStateFrom"), f.optInt("env"), f.extra());
        }
        throw new ReplProtocolException("not a REPL request: no cmd, path, tactic, pickleTo or unpickle field in "
                + abbreviate(node.toString()));
    }

    // ---------------------------------------------------------------- responses

    public ReplResponse parseResponse(String json) throws ReplProtocolException {
        return responseFromJson(readObject(json, "response"));
    }

    public ReplResponse responseFromJson(JsonNode node) throws ReplProtocolException {
        Fields f = new Fields(node, "response");
        if (f.has("proofState") && !f.has("env")) {
            return new ReplResponse.TacticResult(f.integer("proofState"), f.optStrings("goals"),
                    f.optList("messages", this::message), f.optList("sorries", this::sorry),
                    f.optStrings("traces"), f.optString("proofStatus"), f.extra());
        }
        if (f.has("env")) {
            return new ReplResponse.Command(f.optInt("env"), f.optList("messages", this::message),
                    f.optList("sorries", this::sorry), f.optList("tactics", this::tactic), f.optRaw("infotree"),
                    f.extra());
        }
        if (f.has("message")) {
            return new ReplResponse.Error(f.string("message"), f.extra());
        }
        throw new ReplProtocolException("not a REPL response: no env, proofState or message field in "
                + abbreviate(node.toString()));
    }

    public ObjectNode toJson(ReplResponse response) {
        ObjectNode o = NODES.objectNode();
        if (response instanceof ReplResponse.Command c) {
            putIfPresent(o, "env", c.env());
            putList(o, "messages", c.messages(), this::toJson);
            putList(o, "sorries", c.sorries(), this::toJson);
            putList(o, "tactics", c.tactics(), this::toJson);
            if (c.infotree() != null) {
                o.set("infotree", c.infotree());
            }
        } else if (response instanceof ReplResponse.TacticResult t) {
            o.put("proofState", t.proofState());
            putList(o, "goals", t.goals(), NODES::textNode);
            putList(o, "messages", t.messages(), this::toJson);
            putList(o, "sorries", t.sorries(), this::toJson);
            putList(o, "traces", t.traces(), NODES::textNode);
            putIfPresent(o, "proofStatus", t.proofStatus());
        } else if (response instanceof ReplResponse.Error e) {
            o.put("message", e.message());
        }
        response.extra().fields().forEach(o::set);
        return o;
    }

    public ObjectNode toJson(Message m) {
        ObjectNode o = NODES.objectNode();
        o.put("severity", m.severity());
        putPos(o, "pos", m.pos());
        putPos(o, "endPos", m.endPos());
        o.put("data", m.data());
        m.extra().fields().forEach(o::set);
        return o;
    }

    public ObjectNode toJson(Sorry s) {
        ObjectNode o = NODES.objectNode();
        putIfPresent(o, "proofState", s.proofState());
        putPos(o, "pos", s.pos());
        o.put("goal", s.goal());
        putPos(o, "endPos", s.endPos());
        s.extra().fields().forEach(o::set);
        return o;
    }

    public ObjectNode toJson(Tactic t) {
        ObjectNode o = NODES.objectNode();
        if (t.usedConstants() != null) {
            ArrayNode used = o.putArray("usedConstants");
            t.usedConstants().forEach(used::add);
        }
        o.put("tactic", t.tactic());
        putIfPresent(o, "proofState", t.proofState());
        putPos(o, "pos", t.pos());
        putIfPresent(o, "goals", t.goals());
        putPos(o, "endPos", t.endPos());
        t.extra().fields().forEach(o::set);
        return o;
    }

    private Message message(JsonNode node) throws ReplProtocolException {
        Fields f = new Fields(node, "message");
        return new Message(f.string("severity"), f.optPos("pos"), f.optPos("endPos"), f.string("data"), f.extra());
    }

    private Sorry sorry(JsonNode node) throws ReplProtocolException {
        Fields f = new Fields(node, "sorry");
        return new Sorry(f.string("goal"), f.optInt("proofState"), f.optPos("pos"), f.optPos("endPos"), f.extra());
    }

    private Tactic tactic(JsonNode node) throws ReplProtocolException {
        Fields f = new Fields(node, "tactic");
        return new Tactic(f.string("tactic"), f.optString("goals"), f.optPos("pos"), f.optPos("endPos"),
                f.optInt("proofState"), f.optStrings("usedConstants"), f.extra());
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode readObject(String json, String what) throws ReplProtocolException {
        JsonNode node;
        try {
            node = mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReplProtocolException(what + " is not JSON: " + abbreviate(json), e);
        }
        if (node == null || !node.isObject()) {
            throw new ReplProtocolException(what + " is not a JSON object: " + abbreviate(json));
        }
        return node;
    }

    static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    private static void putIfPresent(ObjectNode o, String name, Integer value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putIfPresent(ObjectNode o, String name, Boolean value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putIfPresent(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putPos(ObjectNode o, String name, Pos pos) {
        if (pos != null) {
            ObjectNode p = o.putObject(name);
            p.put("line", pos.line());
            p.put("column", pos.column());
        }
    }

    private static <T> void putList(ObjectNode o, String name, List<T> items, Function<T, JsonNode> write) {
        if (items != null) {
            ArrayNode array = o.putArray(name);
            items.forEach(item -> array.add(write.apply(item)));
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonNode node) throws ReplProtocolException;
    }

    /** Typed access to an object's fields; remembers which were read so the rest become {@link Extra}. */
    private static final class Fields {
        private final JsonNode node;
        private final String what;
        private final Set<String> known = new java.util.HashSet<>();

        Fields(JsonNode node, String what) throws ReplProtocolException {
            if (node == null || !node.isObject()) {
                throw new ReplProtocolException(what + " is not a JSON object: " + node);
            }
            this.node = node;
            this.what = what;
        }

        boolean has(String name) {
            JsonNode v = node.get(name);
            return v != null && !v.isNull();
        }

        private JsonNode field(String name) {
            known.add(name);
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v;
        }

        String string(String name) throws ReplProtocolException {
            String s = optString(name);
            if (s == null) {
                throw new ReplProtocolException(what + " lacks the string field '" + name + "': " + node);
            }
            return s;
        }

        String optString(String name) throws ReplProtocolException {
            JsonNode v = field(name);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                throw new ReplProtocolException(what + " field '" + name + "' is not a string: " + v);
            }
            return v.textValue();
        }

        int integer(String name) throws ReplProtocolException {
            Integer i = optInt(name);
            if (i == null) {
                throw new ReplProtocolException(what + " lacks the integer field '" + name + "': " + node);
            }
            return i;
        }

        Integer optInt(String name) throws ReplProtocolException {
            JsonNode v = field(name);
            if (v == null) {
                return null;
            }
            if (!v.isInt()) {
                throw new ReplProtocolException(what + " field '" + name + "' is not an integer: " + v);
            }
            return v.intValue();
        }

        Boolean optBool(String name) throws ReplProtocolException {
            JsonNode v = field(name);
            if (v == null) {
                return null;
            }
            if (!v.isBoolean()) {
                throw new ReplProtocolException(what + " field '" + name + "' is not a boolean: " + v);
            }
            return v.booleanValue();
        }

        Pos optPos(String name) throws ReplProtocolException {
            JsonNode v = field(name);
            if (v == null) {
                return null;
            }
            JsonNode line = v.get("line");
            JsonNode column = v.get("column");
            if (!v.isObject() || line == null || !line.isInt() || column == null || !column.isInt() || v.size() != 2) {
                throw new ReplProtocolException(what + " field '" + name + "' is not a {line, column} position: " + v);
            }
            return new Pos(line.intValue(), column.intValue());
        }

        JsonNode optRaw(String name) {
            return field(name);
        }

        List<String> optStrings(String name) throws ReplProtocolException {
            return optList(name, item -> {
                if (!item.isTextual()) {
                    throw new ReplProtocolException(what + " field '" + name + "' holds a non-string: " + item);
                }
                return item.textValue();
            });
        }

        <T> List<T> optList(String name, Reader<T> reader) throws ReplProtocolException {
            JsonNode v = field(name);
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                throw new ReplProtocolException(what + " field '" + name + "' is not a list: " + abbreviate(v.toString()));
            }
            List<T> items = new ArrayList<>(v.size());
            for (JsonNode item : v) {
                items.add(reader.read(item));
            }
            return items;
        }

        Extra extra() {
            Map<String, JsonNode> rest = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!known.contains(e.getKey())) {
                    rest.put(e.getKey(), e.getValue());
                }
            }
            return Extra.of(rest);
        }
    }
}
