package dev.leanverify.tools;

import java.util.Objects;

/**
 * How to submit a dataset.
 *
 * @param runId          stamped into every proof's metadata as {@code run_id}
 * @param idPrefix       put before every dataset id (ids must be unique per attempt: a replay of the
 *                       same dataset gets new ids), or "" to keep the ids as they are
 * @param ratePerSecond  at most this many proofs per second; 0 for no limit
 * @param timeoutSeconds per-proof limit, or null for the verifier's default
 * @param infotree       infotree mode to ask for, or null
 * @param avro           write Confluent Avro (needs a registry) instead of JSON
 */
public record SubmitOptions(String topic, String runId, String idPrefix, double ratePerSecond, Integer timeoutSeconds,
                            boolean allTactics, String infotree, boolean avro) {
    public SubmitOptions {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(idPrefix, "idPrefix");
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("--rate must not be negative, was " + ratePerSecond);
        }
    }
}
