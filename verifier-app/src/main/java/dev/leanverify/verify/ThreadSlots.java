package dev.leanverify.verify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link SlotDispatcher} per stream thread, made on the thread's first use. The tasks of a
 * thread share its slots; a thread that died (and was replaced) leaves its slots behind, which are
 * closed when the next one is made.
 */
public final class ThreadSlots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadSlots.class);
    private final Verifier verifier;
    private final Settings settings;
    private final Clock clock;
    private final Map<Thread, SlotDispatcher> dispatchers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param slotsPerThread    Lean proofs each stream thread has verified at once (0: on the stream thread itself)
     * @param inFlightPerThread proofs each stream thread has queued or running at most before it stops taking records
     */
    public record Settings(int slotsPerThread, int inFlightPerThread) {
        public Settings {
            if (slotsPerThread < 0 || inFlightPerThread < Math.max(1, slotsPerThread)) {
                throw new IllegalArgumentException("need slots per thread >= 0 and an in-flight bound >="
                        + " max(1, slots), were " + slotsPerThread + " and " + inFlightPerThread);
            }
        }

        /** Every proof verified on its stream thread as it is processed (for topology tests). */
        public static Settings inline() {
            return new Settings(0, 1);
        }
    }

    public ThreadSlots(Verifier verifier, Settings settings, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The calling stream thread's slots. */
    public SlotDispatcher forCurrentThread() {
        if (closed) {
            throw new IllegalStateException("the slots are closed");
        }
        Thread thread = Thread.currentThread();
        SlotDispatcher slots = dispatchers.get(thread);
        if (slots == null) {
            closeThoseOfDeadThreads();
            slots = new SlotDispatcher(thread.getName(), settings.slotsPerThread(), settings.inFlightPerThread(),
                    verifier, clock);
            dispatchers.put(thread, slots);
            LOG.info("stream thread {} verifies with {} Lean slot(s), up to {} proof(s) in flight", thread.getName(),
                    settings.slotsPerThread(), settings.inFlightPerThread());
        }
        return slots;
    }

    private void closeThoseOfDeadThreads() {
        for (Thread t : new ArrayList<>(dispatchers.keySet())) {
            if (!t.isAlive()) {
                SlotDispatcher dead = dispatchers.remove(t);
                if (dead != null) {
                    LOG.info("closing the Lean slots of finished stream thread {}", t.getName());
                    dead.close(0);
                }
            }
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Every thread's slots made so far (for metrics). */
    public List<SlotDispatcher> all() {
        return List.copyOf(dispatchers.values());
    }

    /** Closes every thread's slots (after the stream threads stopped), waiting up to {@code waitMs} in all. */
    public void close(long waitMs) {
        closed = true;
        long deadline = System.currentTimeMillis() + waitMs;
        for (SlotDispatcher d : dispatchers.values()) {
            d.close(Math.max(0, deadline - System.currentTimeMillis()));
        }
        dispatchers.clear();
    }

    @Override
    public void close() {
        close(10_000);
    }
}
