package dev.leanverify.codec.input;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decoded proof request before validation: fields may be missing (null) or out of range, and
 * {@code problems} lists what decoding already found wrong (bad field types, unknown fields).
 *
 * @param strict    options.strict as the request said it, or null when it did not say
 * @param statement the reference statement (strict mode), or null
 * @param noCache   options.noCache: run through Lean even when the verdict cache knows the verdict
 */
public record IncomingProof(String id, String code, Long timeoutSeconds, boolean allTactics, String infotree,
                            Boolean strict, Map<String, String> metadata, List<String> problems, String statement,
                            boolean noCache) {

    /** A request that does not bypass the verdict cache. */
    public IncomingProof(String id, String code, Long timeoutSeconds, boolean allTactics, String infotree,
                         Boolean strict, Map<String, String> metadata, List<String> problems, String statement) {
        this(id, code, timeoutSeconds, allTactics, infotree, strict, metadata, problems, statement, false);
    }

    public IncomingProof {
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }
}
