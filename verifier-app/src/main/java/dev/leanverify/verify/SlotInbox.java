package dev.leanverify.verify;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where the slots of a {@link SlotDispatcher} leave the proofs one stream task handed them, for the
 * task to take on its own thread. Once closed (the task closed or moved) it takes nothing more: the
 * proofs still queued for it are dropped and the results of those running are discarded, because
 * the task's in-flight store, not this inbox, is what carries them to the task's next owner.
 */
public final class SlotInbox {
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** One proof a slot has finished: its report, or the exception the verifier threw. */
    public record Finished(String key, ProofJob job, VerificationReport report, Throwable failure, long startedAtMs,
                           long verifierNanos) {
    }

    void deliver(Finished done) {
        if (!closed) {
            finished.add(done);
        }
    }

    /** The next finished proof, or null when there is none now. */
    public Finished poll() {
        return finished.poll();
    }

    /** True when there are finished proofs to take. */
    public boolean hasFinished() {
        return !finished.isEmpty();
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
        finished.clear();
    }
}
