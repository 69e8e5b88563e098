package dev.leanverify.stream;

import dev.leanverify.schema.VerificationResult;
import dev.leanverify.verify.VerificationReport;

/** Told about every verified proof (metrics, logs). Called on the stream thread: keep it cheap. */
@FunctionalInterface
public interface VerifyListener {
    void verified(VerificationReport report, VerificationResult result);

    static VerifyListener none() {
        return (report, result) -> { };
    }
}
