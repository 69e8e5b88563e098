package dev.leanverify.repl;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memory budget for all live REPLs of an instance, busy and idle, shared by every thread's
 * {@link ReplPool}. A Mathlib REPL holds gigabytes, so a pool asks for room before it starts a
 * REPL: each live REPL is a {@link Charge} of its measured resident memory (or, until measured, of
 * the largest size a REPL of its header had after loading; of the configured estimate for a header
 * never measured). When a new REPL does not fit, idle REPLs are closed, the asking pool's own
 * first, then the least recently used of the others; when none is idle the pool waits for a busy
 * one to finish, up to a deadline, and never starts one over the limit. A header never measured
 * starts one REPL at a time until the first has been measured (or, if that takes the whole wait,
 * on the estimate), so a cold start of many threads on a large header cannot overshoot on a low
 * estimate. Thread-safe; the lock is held only for
 * arithmetic, never while a process is closed.
 */
public final class MemoryBudget {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryBudget.class);
    /** Headers whose loaded size is remembered. */
    static final int MAX_HEADERS = 4096;
    /** A waiting pool looks again at least this often (shutdown, its deadline). */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MemoryBudgetConfig config;
    private final ResidentMemory rss;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Charge> live = new LinkedHashSet<>();
    private final Map<String, Long> loadedSize = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_HEADERS;
        }
    };
    private long usedBytes;
    private long peakUsedBytes;
    private int peakLive;
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    /** Resident memory of a process tree, by its leader's pid (replaceable in tests). */
    @FunctionalInterface
    public interface ResidentMemory {
        long residentBytes(long pid);
    }

    public MemoryBudget(MemoryBudgetConfig config, ResidentMemory rss, Ticker ticker) {
        this.config = Objects.requireNonNull(config, "config");
        this.rss = Objects.requireNonNull(rss, "rss");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** A budget measured from /proc on the system ticker. */
    public static MemoryBudget of(MemoryBudgetConfig config) {
        return new MemoryBudget(config, ProcessTree::residentBytes, Ticker.systemTicker());
    }

    /** No budget: every request is granted at once and nothing is measured. */
    public static MemoryBudget unlimited() {
        return of(MemoryBudgetConfig.off());
    }

    public boolean enabled() {
        return config.enabled();
    }

    public MemoryBudgetConfig config() {
        return config;
    }

    /** The answer to {@link #reserve}. */
    public sealed interface Grant {
        /** Room was found: the caller may start the REPL and must release the charge when it ends. */
        record Granted(Charge charge, long waitedNanos) implements Grant {
        }

        /**
         * No room: the REPL can never fit, or none was made before the deadline, or the caller gave up
         * (shutdown); {@code detail} says which, with the numbers.
         */
        record Refused(String detail, boolean cancelled, long waitedNanos) implements Grant {
        }
    }

    /**
     * Room for one more REPL of {@code header}, for {@code owner} (a pool). Closes idle REPLs to make
     * room (the owner's first) and otherwise waits for room, at most {@code maxWait}, while
     * {@code cancelled} stays false.
     */
    public Grant reserve(Object owner, String header, Duration maxWait, BooleanSupplier cancelled) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(header, "header");
        long start = ticker.read();
        if (!enabled()) {
            return new Grant.Granted(new Charge(owner, header, 0), 0);
        }
        long deadline = start + maxWait.toNanos();
        boolean waited = false;
        boolean probeWaitedOut = false;
        lock.lock();
        try {
            while (true) {
                long needed = estimateLocked(header);
                if (needed > config.limitBytes()) {
                    refusals.incrementAndGet();
                    return new Grant.Refused(String.format("a REPL of this header takes about %d MiB (measured), more"
                            + " than the whole REPL memory budget of this instance (%d MiB,"
                            + " pool.instance.memory.budget.mb): it can never start here", needed >> 20,
                            config.limitBytes() >> 20), false, ticker.read() - start);
                }
                boolean probeInFlight = !probeWaitedOut && !loadedSize.containsKey(header) && unmeasuredOf(header);
                if (!probeInFlight) {
                    if (usedBytes + needed <= config.limitBytes()) {
                        Charge charge = new Charge(owner, header, needed);
                        live.add(charge);
                        usedBytes += needed;
                        notePeaks();
                        if (waited) {
                            waits.incrementAndGet();
                        }
                        return new Grant.Granted(charge, ticker.read() - start);
                    }
                    if (evictOneLocked(owner)) {
                        continue;
                    }
                }
                if (cancelled.getAsBoolean()) {
                    return new Grant.Refused("the verifier is shutting down", true, ticker.read() - start);
                }
                long remaining = deadline - ticker.read();
                if (remaining <= 0 && probeInFlight && !maxWait.isZero()) {
                    // the first REPL of the header is slow to load: start on the estimate rather than
                    // turn what would be a header timeout into a refusal
                    probeWaitedOut = true;
                    continue;
                }
                if (remaining <= 0) {
                    refusals.incrementAndGet();
                    return new Grant.Refused(String.format("no room in the REPL memory budget within %d s: %d of %d"
                                    + " MiB held by %d live REPL(s)%s; a REPL of this header needs about %d MiB",
                            TimeUnit.NANOSECONDS.toSeconds(ticker.read() - start), usedBytes >> 20,
                            config.limitBytes() >> 20, live.size(),
                            probeInFlight ? " (the first REPL of this header was still loading)" : ", none idle", needed >> 20),
                            false, ticker.read() - start);
                }
                waited = true;
                changed.awaitNanos(Math.min(remaining, WAIT_SLICE_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Grant.Refused("interrupted while waiting for room in the REPL memory budget", true,
                    ticker.read() - start);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes idle REPLs, least recently used first, while the live REPLs hold more than the limit
     * (they grow with use). Busy REPLs are left alone: no new one starts until there is room again.
     */
    public void enforce() {
        if (!enabled()) {
            return;
        }
        lock.lock();
        try {
            while (usedBytes > config.limitBytes() && evictOneLocked(null)) {
                // each round closes one idle REPL (or finds it busy again)
            }
        } finally {
            lock.unlock();
        }
    }

    /** What a new REPL of this header is assumed to take until it is measured. */
    long estimateLocked(String header) {
        Long loaded = loadedSize.get(header);
        return loaded != null ? loaded : config.replEstimateBytes();
    }

    private boolean unmeasuredOf(String header) {
        for (Charge c : live) {
            if (!c.measured && c.header.equals(header)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes the coldest idle REPL (the owner's own first, if it has one), with the lock released
     * while it is closed. False when no REPL is idle.
     */
    private boolean evictOneLocked(Object owner) {
        Charge victim = null;
        boolean victimOwn = false;
        for (Charge c : live) {
            if (!c.idle || c.evicting) {
                continue;
            }
            boolean own = owner != null && c.owner == owner;
            if (victim == null || (own && !victimOwn) || (own == victimOwn && c.idleSince < victim.idleSince)) {
                victim = c;
                victimOwn = own;
            }
        }
        if (victim == null) {
            return false;
        }
        victim.evicting = true;
        BooleanSupplier evictor = victim.evictor;
        boolean closed = false;
        lock.unlock();
        try {
            closed = evictor.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("closing an idle REPL to make room in the memory budget failed", e);
        } finally {
            lock.lock();
            victim.evicting = false;
        }
        if (closed) {
            evictions.incrementAndGet();
            releaseLocked(victim);
        } else {
            victim.idle = false; // its pool took it back meanwhile; it is marked idle again when released
        }
        return true;
    }

    private void releaseLocked(Charge c) {
        if (c.released) {
            return;
        }
        c.released = true;
        if (live.remove(c)) {
            usedBytes -= c.bytes;
        }
        changed.signalAll();
    }

    private void notePeaks() {
        peakUsedBytes = Math.max(peakUsedBytes, usedBytes);
        peakLive = Math.max(peakLive, live.size());
    }

    private long locked(java.util.function.LongSupplier read) {
        lock.lock();
        try {
            return read.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    /** The limit in bytes; 0 when there is no budget. */
    public long limitBytes() {
        return config.limitBytes();
    }

    /** Memory the live REPLs hold (measured, or estimated until measured). */
    public long usedBytes() {
        return locked(() -> usedBytes);
    }

    /** The most {@link #usedBytes} has been. */
    public long peakUsedBytes() {
        return locked(() -> peakUsedBytes);
    }

    /** Live REPLs counted (busy, idle, starting). */
    public int liveRepls() {
        return (int) locked(live::size);
    }

    /** The most REPLs that have been live at once. */
    public int peakLiveRepls() {
        return (int) locked(() -> peakLive);
    }

    /** Idle REPLs closed to make room. */
    public long evictions() {
        return evictions.get();
    }

    /** Starts that had to wait for room. */
    public long waits() {
        return waits.get();
    }

    /** Starts refused: no room before the deadline, or a REPL larger than the whole budget. */
    public long refusals() {
        return refusals.get();
    }

    /**
     * One live REPL's share of the budget, from the grant until {@link #release}. Its pool reports
     * when it is measured, goes idle (with how to close it) and is busy again.
     */
    public final class Charge {
        private final Object owner;
        private final String header;
        private long bytes;
        private boolean measured;
        private long measuredAt;
        private boolean idle;
        private long idleSince;
        private boolean evicting;
        private boolean released;
        private BooleanSupplier evictor;

        private Charge(Object owner, String header, long bytes) {
            this.owner = owner;
            this.header = header;
            this.bytes = bytes;
        }

        /**
         * Measures the REPL's resident memory (its process tree) and charges that from now on. After
         * the header has loaded ({@code afterLoad}) the size also becomes the header's estimate.
         *
         * @return the resident bytes measured
         */
        public long measure(long pid, boolean afterLoad) {
            if (!enabled()) {
                return 0;
            }
            long now = rss.residentBytes(pid);
            lock.lock();
            try {
                measuredAt = ticker.read();
                if (released) {
                    return now;
                }
                usedBytes += now - bytes;
                bytes = now;
                measured = true;
                if (afterLoad && now > 0) {
                    loadedSize.merge(header, now, Math::max);
                }
                notePeaks();
                changed.signalAll();
                return now;
            } finally {
                lock.unlock();
            }
        }

        /** Nanoseconds (on the budget's ticker) since the last {@link #measure}; max when never measured. */
        public long sinceMeasured() {
            lock.lock();
            try {
                return measured ? ticker.read() - measuredAt : Long.MAX_VALUE;
            } finally {
                lock.unlock();
            }
        }

        /** The REPL is idle in its pool; {@code evictor} closes it if it still is, and says whether it did. */
        public void idle(BooleanSupplier evictor) {
            if (!enabled()) {
                return;
            }
            lock.lock();
            try {
                this.evictor = Objects.requireNonNull(evictor, "evictor");
                idle = true;
                idleSince = ticker.read();
                changed.signalAll(); // a waiting pool may close it now
            } finally {
                lock.unlock();
            }
        }

        /** The REPL is in use again: it cannot be evicted. */
        public void busy() {
            if (!enabled()) {
                return;
            }
            lock.lock();
            try {
                idle = false;
            } finally {
                lock.unlock();
            }
        }

        /** The REPL has ended: its memory is free. Idempotent. */
        public void release() {
            if (!enabled()) {
                return;
            }
            lock.lock();
            try {
                releaseLocked(this);
            } finally {
                lock.unlock();
            }
        }

        /** Bytes charged now. */
        public long bytes() {
            lock.lock();
            try {
                return bytes;
            } finally {
                lock.unlock();
            }
        }
    }
}
