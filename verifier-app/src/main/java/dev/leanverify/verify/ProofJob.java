package dev.leanverify.verify;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One proof to verify, as the verifier sees it (decoded and validated).
 *
 * @param timeout    limit for the body, or null for the configured default
 * @param infotree   infotree mode to ask for, or null
 */
public record ProofJob(String id, String code, Duration timeout, boolean allTactics, String infotree,
                       Map<String, String> metadata) {

    public ProofJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    public static ProofJob of(String id, String code) {
        return new ProofJob(id, code, null, false, null, Map.of());
    }
}
