package dev.leanverify.stream;

import dev.leanverify.schema.ProofRequest;

/** What the de-duplication step makes of a valid request. */
sealed interface Deduped {

    /** The first request with its id: verify it. */
    record Fresh(ProofRequest request) implements Deduped {
    }

    /** A later request with an id already seen: dead-lettered as JSON (headers say why). */
    record Duplicate(byte[] json) implements Deduped {
    }
}
