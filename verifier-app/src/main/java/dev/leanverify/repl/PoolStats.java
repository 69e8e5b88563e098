package dev.leanverify.repl;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one REPL pool. Written by the pool's owner thread, readable from any thread
 * (metrics, benchmarks).
 */
public final class PoolStats {
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong starts = new AtomicLong();
    private final AtomicLong startNanos = new AtomicLong();
    private final Map<Retirement, AtomicLong> retired = new EnumMap<>(Retirement.class);
    private volatile String lastStartFailure;

    PoolStats() {
        for (Retirement r : Retirement.values()) {
            retired.put(r, new AtomicLong());
        }
    }

    void hit() {
        hits.incrementAndGet();
    }

    void miss() {
        misses.incrementAndGet();
    }

    void started(long nanos) {
        starts.incrementAndGet();
        startNanos.addAndGet(nanos);
    }

    void countRetired(Retirement reason) {
        retired.get(reason).incrementAndGet();
    }

    void startFailed(String detail) {
        lastStartFailure = detail;
    }

    void startSucceeded() {
        lastStartFailure = null;
    }

    /** Why the last attempt to start a REPL failed, or null if it succeeded (health checks). */
    public String lastStartFailure() {
        return lastStartFailure;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** REPL processes started with their header loaded. */
    public long starts() {
        return starts.get();
    }

    /** Total time spent starting REPLs and loading headers, in nanoseconds. */
    public long startNanos() {
        return startNanos.get();
    }

    public long retired(Retirement reason) {
        return retired.get(reason).get();
    }

    /** Processes closed because the pool was full or over its memory budget. */
    public long evictions() {
        return retired(Retirement.EVICTED) + retired(Retirement.MEMORY_BUDGET);
    }

    public double hitRatio() {
        long total = hits() + misses();
        return total == 0 ? 0 : (double) hits() / total;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("hits=" + hits() + " misses=" + misses() + " starts=" + starts());
        retired.forEach((reason, count) -> {
            if (count.get() > 0) {
                s.append(' ').append(reason.tag()).append('=').append(count.get());
            }
        });
        return s.toString();
    }
}
