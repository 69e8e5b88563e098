package dev.leanverify.testing;

import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.registry.ConfluentWireFormat;
import dev.leanverify.registry.SchemaRegistry;
import dev.leanverify.schema.ProofRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Bad input of every kind a producer can send, each with where it must land: the dead-letter
 * topic (with a reason code) or an INVALID_REQUEST result (with words of the reason). Keys are
 * {@code bad-N} so dead letters can be matched to their entry.
 */
public final class MalformedCorpus {
    private MalformedCorpus() {
    }

    /**
     * One bad record.
     *
     * @param dlqReason   the dead-letter reason code, or null when it must be INVALID_REQUEST
     * @param resultId    the id its INVALID_REQUEST result carries, or null when it has none (then
     *                    the result is keyed by its topic-partition@offset)
     * @param reasonWords words the INVALID_REQUEST reason must contain
     */
    public record Entry(String name, String key, byte[] value, String dlqReason, String resultId, String reasonWords) {
        public boolean deadLetter() {
            return dlqReason != null;
        }
    }

    public static List<Entry> entries(String prefix, SchemaRegistry registry, String valueSubject) {
        List<Entry> e = new ArrayList<>();
        Builder b = new Builder(prefix, e);
        // undecodable: the dead-letter topic
        b.dead("null value (tombstone)", null, "null-value");
        b.dead("empty value", new byte[0], "empty-value");
        b.dead("plain text", utf8("verify this please"), "not-json");
        b.dead("truncated JSON", utf8("{\"id\": \"x\", \"code\": "), "not-json");
        b.dead("JSON with trailing garbage", utf8("{\"id\": \"x\", \"code\": \"y\"} }"), "not-json");
        b.dead("JSON array", utf8("[{\"id\": \"x\"}]"), "wrong-shape");
        b.dead("JSON string", utf8("\"theorem t : True := trivial\""), "wrong-shape");
        b.dead("JSON number", utf8("42"), "wrong-shape");
        b.dead("non-UTF-8 bytes", new byte[] {'{', '"', 'i', 'd', '"', ':', (byte) 0xc3, (byte) 0x28, '}'}, "not-utf8");
        b.dead("nesting bomb", utf8("[".repeat(5000) + "]".repeat(5000)), "not-json");
        b.dead("wrong magic byte", new byte[] {1, 0, 0, 0, 1, 2, 'x'}, "unknown-encoding");
        b.dead("truncated Avro header", new byte[] {0, 0, 1}, "avro-too-short");
        AvroWireCodec<ProofRequest> codec = new AvroWireCodec<>(registry, ProofRequest.class);
        byte[] good = codec.encode(valueSubject, ProofRequest.newBuilder().setId(prefix + "avro-template")
                .setCode("theorem t : True := trivial").build());
        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 987_654);
        b.dead("unknown schema id", unknownId, "avro-unknown-schema-id");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        b.dead("truncated Avro body", truncated, "avro-malformed");
        b.dead("Avro of another schema", foreignAvro(registry, valueSubject), "avro-incompatible-schema");
        // decodable but invalid: INVALID_REQUEST results
        b.invalid("missing id", "{\"code\": \"theorem t : True := trivial\"}", null, "missing id");
        b.invalid("empty id", "{\"id\": \"\", \"code\": \"theorem t : True := trivial\"}", null, "id is empty");
        b.invalid("id too long", "{\"id\": \"" + "i".repeat(600) + "\", \"code\": \"x\"}", null, "request.max.id.chars");
        b.invalid("id with a line break", "{\"id\": \"a\\nb\", \"code\": \"x\"}", null, "control characters");
        b.invalid("id is a number", "{\"id\": 7, \"code\": \"x\"}", null, "id must be a string");
        b.invalid("missing code", "{\"id\": \"%ID\"}", "%ID", "missing code");
        b.invalid("empty code", "{\"id\": \"%ID\", \"code\": \"\"}", "%ID", "code is empty");
        b.invalid("whitespace code", "{\"id\": \"%ID\", \"code\": \" \\n\\t \"}", "%ID", "code is empty");
        b.invalid("code is a list", "{\"id\": \"%ID\", \"code\": [\"theorem\"]}", "%ID", "code must be a string");
        b.invalid("10 MB of code", "{\"id\": \"%ID\", \"code\": \"" + "a".repeat(10 << 20) + "\"}", "%ID",
                "request.max.code.bytes");
        b.invalid("NUL bytes in code", "{\"id\": \"%ID\", \"code\": \"theorem t\\u0000 : True := trivial\"}", "%ID", "NUL");
        b.invalid("header-only code", "{\"id\": \"%ID\", \"code\": \"import Mathlib\\nimport Aesop\\n\"}", "%ID",
                "nothing after it");
        b.invalid("zero timeout", "{\"id\": \"%ID\", \"code\": \"x\", \"timeoutSeconds\": 0}", "%ID", "timeoutSeconds");
        b.invalid("negative timeout", "{\"id\": \"%ID\", \"code\": \"x\", \"timeoutSeconds\": -5}", "%ID", "timeoutSeconds");
        b.invalid("absurd timeout", "{\"id\": \"%ID\", \"code\": \"x\", \"timeoutSeconds\": 1000000000000}", "%ID",
                "timeoutSeconds");
        b.invalid("fractional timeout", "{\"id\": \"%ID\", \"code\": \"x\", \"timeoutSeconds\": 2.5}", "%ID", "whole number");
        b.invalid("timeout as text", "{\"id\": \"%ID\", \"code\": \"x\", \"timeoutSeconds\": \"60\"}", "%ID", "whole number");
        b.invalid("unknown option", "{\"id\": \"%ID\", \"code\": \"x\", \"options\": {\"turbo\": true}}", "%ID",
                "unknown option 'turbo'");
        b.invalid("options not an object", "{\"id\": \"%ID\", \"code\": \"x\", \"options\": \"allTactics\"}", "%ID",
                "options must be an object");
        b.invalid("bad infotree mode", "{\"id\": \"%ID\", \"code\": \"x\", \"options\": {\"infotree\": \"everything\"}}",
                "%ID", "infotree");
        b.invalid("strict not a boolean", "{\"id\": \"%ID\", \"code\": \"x\", \"options\": {\"strict\": \"yes\"}}", "%ID", "strict");
        b.invalid("unknown field", "{\"id\": \"%ID\", \"code\": \"x\", \"timeout\": 30}", "%ID", "unknown field 'timeout'");
        b.invalid("metadata not an object", "{\"id\": \"%ID\", \"code\": \"x\", \"metadata\": \"run-1\"}", "%ID",
                "metadata must be an object");
        b.invalid("nested metadata", "{\"id\": \"%ID\", \"code\": \"x\", \"metadata\": {\"a\": {\"b\": 1}}}", "%ID",
                "metadata.a must be a string");
        b.invalid("huge metadata", "{\"id\": \"%ID\", \"code\": \"x\", \"metadata\": {\"blob\": \"" + "m".repeat(70_000)
                + "\"}}", "%ID", "request.max.metadata.bytes");
        return e;
    }

    private static byte[] foreignAvro(SchemaRegistry registry, String subject) {
        Schema other = SchemaBuilder.record("Telemetry").namespace("other.team").fields()
                .requiredLong("ts").requiredDouble("reading").endRecord();
        int id = registry.register(subject.replace("-value", "-telemetry-value"), other);
        GenericRecord r = new GenericData.Record(other);
        r.put("ts", 1L);
        r.put("reading", 2.5);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ConfluentWireFormat.writeHeader(out, id);
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(other).write(r, enc);
            enc.flush();
            return out.toByteArray();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Builder {
        private final String prefix;
        private final List<Entry> entries;

        Builder(String prefix, List<Entry> entries) {
            this.prefix = prefix;
            this.entries = entries;
        }

        private String key() {
            return prefix + "bad-" + entries.size();
        }

        void dead(String name, byte[] value, String reason) {
            entries.add(new Entry(name, key(), value, reason, null, null));
        }

        void invalid(String name, String json, String id, String words) {
            String key = key();
            String resolvedId = id == null ? null : key;
            entries.add(new Entry(name, key, utf8(json.replace("%ID", key)), null, resolvedId, words));
        }
    }
}
