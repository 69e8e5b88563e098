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
 */
public record IncomingProof(String id, String code, Long timeoutSeconds, boolean allTactics, String infotree,
                            Boolean strict, Map<String, String> metadata, List<String> problems, String statement) {

    public IncomingProof {
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }
}
