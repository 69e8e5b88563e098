package dev.leanverify.stream;

/**
 * Thrown out of the verify step when a shutdown killed the REPL mid-proof: the proof's outcome
 * says nothing about the proof, so no result is written, the transaction is aborted, and the
 * proof is verified again after a restart.
 */
final class ShutdownInProgress extends RuntimeException {
    ShutdownInProgress(String proofId) {
        super("shutting down: proof " + proofId + " will be verified again after a restart");
    }
}
