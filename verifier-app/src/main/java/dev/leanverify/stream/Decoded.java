package dev.leanverify.stream;

import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.VerificationResult;

/** What the decode step makes of an input record. */
sealed interface Decoded {

    /** Not a proof request: the original value goes to the dead-letter topic (headers say why). */
    record Dead(byte[] value) implements Decoded {
    }

    /** A request rejected before Lean: its INVALID_REQUEST result. */
    record Rejected(String id, VerificationResult result) implements Decoded {
    }

    /**
     * A valid request, to be verified.
     *
     * @param inPlace keyed by its id on the id's partition: de-duplicated where it is read
     */
    record Accepted(ProofRequest request, boolean inPlace) implements Decoded {
    }
}
