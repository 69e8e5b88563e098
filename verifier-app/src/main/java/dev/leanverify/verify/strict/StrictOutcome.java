package dev.leanverify.verify.strict;

import dev.leanverify.repl.Retirement;
import dev.leanverify.verify.ProofStatus;
import java.util.Objects;

/**
 * The verdict of the strict layers on a proof Lean accepted.
 *
 * @param status     VERIFIED, UNSOUND, or why no verdict could be had (INVALID_REQUEST for a reference
 *                   statement that does not elaborate, a failure status when the REPL did not answer)
 * @param error      the one-line reason when not VERIFIED
 * @param soundness  what the layers found; null when they could not run
 * @param retirement why the REPL must be replaced, or null to keep it
 * @param leanNanos  time spent in the verifier's own REPL requests
 */
public record StrictOutcome(ProofStatus status, String error, Soundness soundness, Retirement retirement,
                            long leanNanos) {
    public StrictOutcome {
        Objects.requireNonNull(status, "status");
    }
}
