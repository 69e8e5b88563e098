package dev.leanverify.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.codec.output.AvroJsonReader;
import dev.leanverify.codec.output.AvroJsonWriter;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One cached verdict: the result Lean's run produced (and its tactics when they were asked for),
 * stored when. Stored as 8 bytes of {@code storedAtMs} (so eviction reads the age without parsing)
 * followed by JSON with field names, which later schema versions still read (new fields have defaults).
 */
public record CachedVerdict(VerificationResult result, ProofTactics tactics, long storedAtMs) {
    /** Lean's own verdicts: the only ones worth keeping (a timeout or crash may not repeat). */
    public static final Set<VerificationStatus> CACHEABLE = EnumSet.of(VerificationStatus.VERIFIED,
            VerificationStatus.SORRY, VerificationStatus.LEAN_ERROR, VerificationStatus.UNSOUND);

    private static final ObjectMapper JSON = new ObjectMapper();

    public CachedVerdict {
        Objects.requireNonNull(result, "result");
    }

    public static boolean cacheable(VerificationResult result) {
        return CACHEABLE.contains(result.getStatus());
    }

    /**
     * A fresh result to keep. What belongs to its delivery (id, metadata, source, the cache mark)
     * is left out when it is stored: those come from the request a hit answers.
     */
    public static CachedVerdict of(VerificationResult result, ProofTactics tactics, long storedAtMs) {
        return new CachedVerdict(result, tactics, storedAtMs);
    }

    /** When a stored value was stored, without parsing the rest. */
    public static long storedAtMs(byte[] stored) {
        return ByteBuffer.wrap(stored, 0, Long.BYTES).getLong();
    }

    public byte[] toBytes() {
        AvroJsonWriter writer = new AvroJsonWriter();
        try {
            ObjectNode node = JSON.createObjectNode();
            ObjectNode r = (ObjectNode) JSON.readTree(writer.write(result));
            r.put("id", "");
            r.putObject("metadata");
            r.putNull("source");
            r.putNull("verdictCache");
            node.set("result", r);
            if (tactics != null) {
                ObjectNode t = (ObjectNode) JSON.readTree(writer.write(tactics));
                t.put("id", "");
                t.putObject("metadata");
                node.set("tactics", t);
            }
            byte[] json = JSON.writeValueAsBytes(node);
            return ByteBuffer.allocate(Long.BYTES + json.length).putLong(storedAtMs).put(json).array();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a cached verdict", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a cached verdict (the caller treats it as a miss)
     */
    public static CachedVerdict fromBytes(byte[] stored) {
        if (stored == null || stored.length <= Long.BYTES) {
            throw new IllegalArgumentException("not a cached verdict: too short");
        }
        try {
            JsonNode node = JSON.readTree(stored, Long.BYTES, stored.length - Long.BYTES);
            AvroJsonReader reader = new AvroJsonReader();
            VerificationResult result = reader.read(node.get("result"), VerificationResult.class,
                    VerificationResult.getClassSchema());
            ProofTactics tactics = node.hasNonNull("tactics")
                    ? reader.read(node.get("tactics"), ProofTactics.class, ProofTactics.getClassSchema()) : null;
            return new CachedVerdict(result, tactics, storedAtMs(stored));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a cached verdict: " + e.getMessage(), e);
        }
    }
}
