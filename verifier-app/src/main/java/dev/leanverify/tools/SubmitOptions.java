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
 * @param strict         ask for strict verification
 * @param statementField the dataset column with each proof's reference statement (strict mode), or null
 */
public record SubmitOptions(String topic, String runId, String idPrefix, double ratePerSecond, Integer timeoutSeconds,
                            boolean allTactics, String infotree, boolean avro, boolean strict, String statementField) {

    /** Options without strict verification. */
    public SubmitOptions(String topic, String runId, String idPrefix, double ratePerSecond, Integer timeoutSeconds,
                         boolean allTactics, String infotree, boolean avro) {
        this(topic, runId, idPrefix, ratePerSecond, timeoutSeconds, allTactics, infotree, avro, false, null);
    }

    public SubmitOptions {
        if (statementField != null && !strict) {
            throw new IllegalArgumentException("--statement-field needs --strict");
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(idPrefix, "idPrefix");
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("--rate must not be negative, was " + ratePerSecond);
        }
    }
}
