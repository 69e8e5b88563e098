package dev.leanverify.stream;

import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.VerificationResult;

/** The output of verifying one proof: its result, and its tactics when they were asked for (else null). */
record Verified(VerificationResult result, ProofTactics tactics) {
}
