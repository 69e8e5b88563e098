package dev.leanverify.stream;

import dev.leanverify.schema.VerificationResult;
import dev.leanverify.verify.VerificationReport;

/** Told about every verified proof (metrics, logs). Called on the stream thread: keep it cheap. */
@FunctionalInterface
public interface VerifyListener {
    void verified(VerificationReport report, VerificationResult result);

    /** A request was answered INVALID_REQUEST without Lean. */
    default void rejected(VerificationResult result) {
    }

    /** A record went to the dead-letter topic, for this reason code. */
    default void deadLettered(String reason) {
    }

    /** A proof was answered from the verdict cache; {@code result.originalLeanMs} is the Lean time saved. */
    default void verdictCacheHit(VerificationResult result) {
    }

    /** A proof was looked up in the verdict cache and not found (it goes to Lean). */
    default void verdictCacheMiss() {
    }

    /** A fresh verdict of this many bytes was stored in the verdict cache. */
    default void verdictCacheStored(int bytes) {
    }

    /** A store's eviction pass dropped this many expired and this many over-bound entries. */
    default void verdictCacheEvicted(long expired, long evicted) {
    }

    static VerifyListener none() {
        return (report, result) -> { };
    }
}
