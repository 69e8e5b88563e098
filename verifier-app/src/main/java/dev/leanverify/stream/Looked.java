package dev.leanverify.stream;

import dev.leanverify.schema.ProofRequest;

/** What the verdict cache's lookup makes of a proof. */
sealed interface Looked {

    /** The cache knew the verdict: this is the proof's result, no Lean needed. */
    record Hit(Verified verified) implements Looked {
    }

    /** Not cached (or the cache bypassed): verify it. */
    record Miss(ProofRequest request) implements Looked {
    }
}
