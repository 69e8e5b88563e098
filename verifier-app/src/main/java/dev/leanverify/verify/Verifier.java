package dev.leanverify.verify;

/**
 * What the topology needs from the Lean side: a report for each proof. The app passes its
 * per-thread REPL pools ({@link ThreadVerifiers}); processor and topology tests pass a fake, so
 * they run without processes.
 */
public interface Verifier {

    /** Verifies one proof; never throws for what Lean or the REPL does (that is a status). */
    VerificationReport verify(ProofJob job);

    /** True once a quick shutdown has begun: reports from now on say nothing about the proofs. */
    default boolean shuttingDown() {
        return false;
    }

    /** The calling thread verifies no more proofs: what it holds for them (its REPLs) may go. */
    default void threadDone() {
    }
}
