package dev.leanverify.verify;

/** The terminal outcome of one proof attempt (the same symbols as the Avro VerificationStatus). */
public enum ProofStatus {
    /** No error and no sorry. */
    VERIFIED,
    /** No error, but the proof is incomplete. */
    SORRY,
    /** Lean reported an error. */
    LEAN_ERROR,
    /** The proof ran past its time limit. */
    TIMEOUT,
    /** The REPL died or answered garbage. */
    REPL_CRASH,
    /** A memory or other resource limit was hit. */
    RESOURCE_LIMIT,
    /** Rejected before Lean saw it. */
    INVALID_REQUEST,
    /** Something went wrong in the verifier itself (e.g. the REPL cannot start). */
    INTERNAL_ERROR,
    /** Lean accepted the proof, but a strict check refused it (axioms, statement, finding or replay). */
    UNSOUND;

    /** True when the proof is complete and correct. */
    public boolean passed() {
        return this == VERIFIED;
    }
}
