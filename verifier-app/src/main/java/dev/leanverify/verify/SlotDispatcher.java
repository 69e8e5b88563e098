package dev.leanverify.verify;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lean slots of one stream thread: worker threads that each verify one proof at a time (each
 * with its own REPL pool, through {@link ThreadVerifiers}), fed from a queue that the stream thread
 * fills without waiting for Lean. {@link #awaitRoom} blocks while {@code inFlightBound} proofs are
 * queued or running — that is the backpressure: a stream thread takes no more records than its
 * slots can start soon. A free slot takes the oldest queued proof, or, while that one has waited
 * less than {@link #AFFINITY_WAIT_NANOS}, the first one whose import header it ran last (its REPL
 * has that header loaded).
 *
 * <p>With zero slots a submitted proof is verified at once on the submitting thread (for tests on
 * Kafka's topology test driver, which has no background threads to wait for).
 *
 * <p>Written by hand rather than on an {@code ExecutorService}: the choice of the next proof
 * depends on the worker taking it (header affinity), which a plain executor queue cannot express.
 */
public final class SlotDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotDispatcher.class);
    /** Longest a proof waits behind proofs of a header a slot has warm, before any slot takes it. */
    static final long AFFINITY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final Verifier verifier;
    private final Clock clock;
    private final int inFlightBound;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Ticket> queue = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    /** Proofs queued or running; those running are the ones no longer in {@link #queue}. */
    private int inFlight;
    private boolean closed;

    private record Ticket(SlotInbox inbox, String key, ProofJob job, String affinity, long queuedAt) {
    }

    /**
     * @param name          names the worker threads ({@code name-slot-N})
     * @param slots         proofs verified at once; 0 verifies on the submitting thread
     * @param inFlightBound proofs queued or running at most (at least {@code slots})
     */
    public SlotDispatcher(String name, int slots, int inFlightBound, Verifier verifier, Clock clock) {
        if (slots < 0 || inFlightBound < Math.max(1, slots)) {
            throw new IllegalArgumentException("need slots >= 0 and an in-flight bound >= max(1, slots), were "
                    + slots + " and " + inFlightBound);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inFlightBound = inFlightBound;
        for (int i = 0; i < slots; i++) {
            Thread worker = new Thread(this::work, name + "-slot-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** What {@link #trySubmit} did. */
    public enum Submitted { TAKEN, FULL, CLOSED }

    /**
     * Waits while {@code inFlightBound} proofs are queued or running (the backpressure); returns at
     * once when the dispatcher is closed. Only the owner stream thread submits, so room it sees here
     * is still there for its next {@link #trySubmit}.
     */
    public void awaitRoom() {
        lock.lock();
        try {
            while (!closed && inFlight >= inFlightBound) {
                room.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a proof to the slots unless the in-flight bound is reached; never waits for Lean. Its
     * result goes to {@code inbox} unless the inbox is closed first. With zero slots the proof is
     * verified here and its result is in the inbox on return.
     *
     * @param key      the caller's name for this proof, given back with its result
     * @param affinity proofs with equal affinity (their import header) prefer the same slot
     */
    public Submitted trySubmit(SlotInbox inbox, String key, ProofJob job, String affinity) {
        Ticket ticket = new Ticket(inbox, key, job, affinity, System.nanoTime());
        lock.lock();
        try {
            if (closed) {
                return Submitted.CLOSED;
            }
            if (inFlight >= inFlightBound) {
                return Submitted.FULL;
            }
            inFlight++;
            if (!workers.isEmpty()) {
                queue.addLast(ticket);
                queued.signal();
                return Submitted.TAKEN;
            }
        } finally {
            lock.unlock();
        }
        run(ticket, null);
        return Submitted.TAKEN;
    }

    /** Drops the proofs queued for a closing task; the results of its running proofs will be discarded. */
    public void forget(SlotInbox inbox) {
        inbox.markClosed();
        lock.lock();
        try {
            int before = queue.size();
            queue.removeIf(t -> t.inbox() == inbox);
            int dropped = before - queue.size();
            if (dropped > 0) {
                inFlight -= dropped;
                room.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        String lastAffinity = null;
        try {
            while (true) {
                Ticket ticket;
                lock.lock();
                try {
                    while (!closed && queue.isEmpty()) {
                        queued.awaitUninterruptibly();
                    }
                    if (closed) {
                        return;
                    }
                    ticket = next(lastAffinity);
                } finally {
                    lock.unlock();
                }
                lastAffinity = run(ticket, lastAffinity);
            }
        } finally {
            verifier.threadDone();
        }
    }

    /** Runs one proof on the calling thread and counts it out; returns the affinity of the proof. */
    private String run(Ticket ticket, String lastAffinity) {
        try {
            if (ticket.inbox().closed()) {
                return lastAffinity;
            }
            long startedAt = clock.millis();
            long start = System.nanoTime();
            VerificationReport report = null;
            Throwable failure = null;
            try {
                report = verifier.verify(ticket.job());
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                failure = e;
            }
            // a proof cut short by a shutdown says nothing: it stays in flight and runs again after a restart
            if (verifier.shuttingDown()) {
                LOG.info("shutting down: proof {} will be verified again after a restart", ticket.job().id());
            } else {
                ticket.inbox().deliver(new SlotInbox.Finished(ticket.key(), ticket.job(), report, failure, startedAt,
                        System.nanoTime() - start));
            }
            return ticket.affinity();
        } finally {
            lock.lock();
            try {
                inFlight--;
                room.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The proof for a slot that last ran {@code affinity}; the lock is held. */
    private Ticket next(String affinity) {
        Ticket head = queue.peekFirst();
        if (affinity != null && !affinity.equals(head.affinity())
                && System.nanoTime() - head.queuedAt() < AFFINITY_WAIT_NANOS) {
            Iterator<Ticket> it = queue.iterator();
            while (it.hasNext()) {
                Ticket t = it.next();
                if (affinity.equals(t.affinity())) {
                    it.remove();
                    return t;
                }
            }
        }
        return queue.pollFirst();
    }

    /** Proofs queued or running. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Proofs a slot is verifying now. */
    public int running() {
        lock.lock();
        try {
            return inFlight - queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Number of slots. */
    public int slots() {
        return workers.size();
    }

    /**
     * Stops the slots: queued proofs are dropped (their tasks' stores keep them), a wait for room
     * returns, and the workers end after their current proof (a shutdown kills the
     * REPLs first, so that is soon). Waits up to {@code waitMs} for them.
     */
    public void close(long waitMs) {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queued.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        for (Thread w : workers) {
            try {
                w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (w.isAlive()) {
                LOG.warn("slot thread {} of {} is still verifying a proof after the close wait", w.getName(), name);
            }
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
