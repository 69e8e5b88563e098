package dev.leanverify.codec.input;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decoded proof request before validation: fields may be missing (null) or out of range, and
 * {@code problems} lists what decoding already found wrong (bad field types, unknown fields).
 */
public record IncomingProof(String id, String code, Long timeoutSeconds, boolean allTactics, String infotree,
                            boolean strict, Map<String, String> metadata, List<String> problems) {

    public IncomingProof {
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }
}
