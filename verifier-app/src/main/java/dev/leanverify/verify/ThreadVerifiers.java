package dev.leanverify.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ProofVerifier} (and so one REPL pool) per verifying thread — each Lean slot of a
 * {@link SlotDispatcher} — as one {@link Verifier} that verifies with the calling thread's. Keying
 * by thread keeps every pool touched by exactly one thread, with no locks on the hot path.
 */
public final class ThreadVerifiers implements Verifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadVerifiers.class);
    private final Function<String, ProofVerifier> factory;
    private final Map<Thread, ProofVerifier> verifiers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param factory makes a verifier for a thread, given the thread's name */
    public ThreadVerifiers(Function<String, ProofVerifier> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The calling thread's verifier, created on first use. */
    public ProofVerifier forCurrentThread() {
        if (closed) {
            throw new IllegalStateException("the verifiers are closed");
        }
        Thread thread = Thread.currentThread();
        ProofVerifier verifier = verifiers.get(thread);
        if (verifier == null) {
            closeThoseOfDeadThreads();
            verifier = factory.apply(thread.getName());
            verifiers.put(thread, verifier);
            LOG.info("created the REPL pool of thread {}", thread.getName());
        }
        return verifier;
    }

    /** Verifies with the calling thread's verifier. */
    @Override
    public VerificationReport verify(ProofJob job) {
        return forCurrentThread().verify(job);
    }

    /** Closes the calling thread's verifier, if it has one: a Lean slot that ends leaves no REPL behind. */
    @Override
    public void threadDone() {
        ProofVerifier mine = verifiers.remove(Thread.currentThread());
        if (mine != null) {
            mine.close();
        }
    }

    /** A thread that died leaves its pool behind: close it. */
    private void closeThoseOfDeadThreads() {
        for (Thread t : new ArrayList<>(verifiers.keySet())) {
            if (!t.isAlive()) {
                ProofVerifier dead = verifiers.remove(t);
                if (dead != null) {
                    LOG.info("closing the REPL pool of finished thread {}", t.getName());
                    dead.close();
                }
            }
        }
    }

    /**
     * Starts a quick shutdown: kills every REPL now, so that slots busy with long proofs return at
     * once. Proofs cut short this way get no result (their slot sees {@link #shuttingDown}): they
     * stay in their tasks' in-flight stores and are verified again after a restart.
     */
    public void abortAll() {
        closed = true;
        for (ProofVerifier v : verifiers.values()) {
            v.abort();
        }
    }

    /** True once {@link #abortAll} or {@link #close} was called. */
    @Override
    public boolean shuttingDown() {
        return closed;
    }

    /** Every verifier created so far (for metrics). */
    public List<ProofVerifier> all() {
        return List.copyOf(verifiers.values());
    }

    /** Closes every pool: no REPL process is left. Call after the stream threads and the slots have stopped. */
    @Override
    public void close() {
        closed = true;
        for (ProofVerifier v : verifiers.values()) {
            try {
                v.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a REPL pool failed", e);
            }
        }
        verifiers.clear();
    }
}
