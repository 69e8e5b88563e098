package dev.leanverify.verify;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One proof to verify, as the verifier sees it (decoded and validated).
 *
 * @param timeout    limit for the body, or null for the configured default
 * @param infotree   infotree mode to ask for, or null
 * @param strict     strict verification asked for (true/false), or null for the configured default
 * @param statement  the reference statement the proof must prove (strict mode), or null
 */
public record ProofJob(String id, String code, Duration timeout, boolean allTactics, String infotree,
                       Map<String, String> metadata, Boolean strict, String statement) {

    /** A job that leaves strictness to the configured default and carries no statement. */
    public ProofJob(String id, String code, Duration timeout, boolean allTactics, String infotree,
                    Map<String, String> metadata) {
        this(id, code, timeout, allTactics, infotree, metadata, null, null);
    }

    public ProofJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    public static ProofJob of(String id, String code) {
        return new ProofJob(id, code, null, false, null, Map.of());
    }

    /** A strict job, with a reference statement or null. */
    public static ProofJob strict(String id, String code, String statement) {
        return new ProofJob(id, code, null, false, null, Map.of(), Boolean.TRUE, statement);
    }
}
