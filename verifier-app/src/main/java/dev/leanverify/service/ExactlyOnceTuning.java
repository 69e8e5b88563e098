package dev.leanverify.service;

import java.time.Duration;
import java.util.Map;

/**
 * Derives the consumer and producer limits that let a stream thread wait for a Lean slot under
 * exactly-once without being fenced or evicted.
 *
 * <p>The rule. A stream thread never waits for a proof to be verified, only — at its in-flight
 * bound — for a slot to finish one, which takes at most one proof's worst case: the header timeout
 * (cold REPL) plus the proof timeout plus a kill grace, {@code perRecord}. It processes about one
 * record of each task that has data, then commits; with {@code max.poll.records = m} at most
 * {@code m} new records reach it per poll, so one transaction holds at most
 * {@code R = min(tasksPerThread, m)} such waits. Then
 * <pre>
 *   max.poll.interval.ms   = R × perRecord + margin
 *   transaction.timeout.ms = R × perRecord + margin   (must be ≤ the broker's transaction.max.timeout.ms)
 * </pre>
 * {@code m} is the largest value up to {@code preferredMaxPollRecords} that keeps the transaction
 * within the broker limit. When even {@code R = 1} does not fit, no valid values exist and
 * {@link #derive} refuses, saying which settings to change.
 */
public record ExactlyOnceTuning(int recordsPerTransaction, int maxPollRecords, long maxPollIntervalMs,
                                long transactionTimeoutMs, Duration perRecordWorstCase, int tasksPerThread) {

    /** Time allowed on top of the work itself (commit, rebalance, GC, a slow disk). */
    static final Duration MARGIN = Duration.ofSeconds(30);
    /** Time to kill a REPL process group and collect it after a timeout. */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /**
     * @param maxProofTimeout         the longest a proof body may run (lean.timeout.max.seconds)
     * @param headerTimeout           the longest a cold REPL may take to load its header
     * @param partitions              partitions of the topic the verifying tasks read
     * @param streamThreads           stream threads of this instance (the worst case is that it runs alone)
     * @param brokerMaxTransactionMs  the broker's transaction.max.timeout.ms
     * @param preferredMaxPollRecords the max.poll.records to use when the limits allow it
     * @throws IllegalArgumentException when no valid values exist; the message says why and what to change
     */
    public static ExactlyOnceTuning derive(Duration maxProofTimeout, Duration headerTimeout, int partitions,
                                           int streamThreads, long brokerMaxTransactionMs,
                                           int preferredMaxPollRecords) {
        if (partitions < 1 || streamThreads < 1 || preferredMaxPollRecords < 1) {
            throw new IllegalArgumentException("partitions, stream threads and max.poll.records must be positive");
        }
        Duration perRecord = maxProofTimeout.plus(headerTimeout).plus(KILL_GRACE);
        int tasksPerThread = (partitions + streamThreads - 1) / streamThreads;
        long perRecordMs = perRecord.toMillis();
        long margin = MARGIN.toMillis();
        if (perRecordMs + margin > brokerMaxTransactionMs) {
            throw new IllegalArgumentException(String.format(
                    "cannot run exactly-once with these limits: one proof may take %d s (lean.timeout.max.seconds %d"
                            + " + lean.header.timeout.seconds %d + %d s to kill a REPL) plus a %d s margin, which is"
                            + " more than the broker's transaction.max.timeout.ms (%d s). Lower"
                            + " lean.timeout.max.seconds or lean.header.timeout.seconds, or raise the broker's"
                            + " transaction.max.timeout.ms and set broker.transaction.max.timeout.ms to match.",
                    perRecordMs / 1000, maxProofTimeout.toSeconds(), headerTimeout.toSeconds(),
                    KILL_GRACE.toSeconds(), margin / 1000, brokerMaxTransactionMs / 1000));
        }
        int fitting = (int) Math.min(Integer.MAX_VALUE, (brokerMaxTransactionMs - margin) / perRecordMs);
        // If every task of a thread fits in one transaction, any max.poll.records is safe.
        int maxPollRecords = tasksPerThread <= fitting ? preferredMaxPollRecords
                : Math.max(1, Math.min(preferredMaxPollRecords, fitting));
        int recordsPerTransaction = Math.min(tasksPerThread, maxPollRecords);
        long span = recordsPerTransaction * perRecordMs + margin;
        return new ExactlyOnceTuning(recordsPerTransaction, maxPollRecords, span, span, perRecord, tasksPerThread);
    }

    /** The Kafka Streams properties this tuning sets. */
    public Map<String, Object> properties() {
        return Map.of(
                "consumer.max.poll.records", maxPollRecords,
                "consumer.max.poll.interval.ms", (int) Math.min(Integer.MAX_VALUE, maxPollIntervalMs),
                "producer.transaction.timeout.ms", (int) Math.min(Integer.MAX_VALUE, transactionTimeoutMs));
    }

    /** One line for the start-up log. */
    public String describe() {
        return String.format("exactly-once tuning: up to %d wait(s) for a Lean slot per transaction (%d task(s) per"
                        + " thread, max.poll.records=%d), worst case %d s per wait -> max.poll.interval.ms=%d,"
                        + " transaction.timeout.ms=%d", recordsPerTransaction, tasksPerThread, maxPollRecords,
                perRecordWorstCase.toSeconds(), maxPollIntervalMs, transactionTimeoutMs);
    }
}
