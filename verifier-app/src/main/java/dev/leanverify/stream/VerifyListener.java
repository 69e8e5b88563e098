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

    static VerifyListener none() {
        return (report, result) -> { };
    }
}
