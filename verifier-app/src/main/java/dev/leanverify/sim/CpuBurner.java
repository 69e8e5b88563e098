package dev.leanverify.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Spends real CPU on the calling thread, the way Lean elaborating a proof does: a busy loop, not a
 * sleep, so that CPU accounting, cgroup quotas and contention between REPL processes behave as
 * with real Lean. The duration is measured in the thread's CPU time where the JVM offers it (so a
 * crowded machine stretches the wall time, as it would for Lean), in wall time otherwise.
 */
final class CpuBurner {
    /** Made on first use: the management classes cost a fresh JVM tens of milliseconds. */
    private ThreadMXBean threads;
    private boolean cpuClock;
    private long sink;

    /** Burns {@code duration} of CPU time; returns at once for zero or negative durations. */
    void burn(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos <= 0) {
            return;
        }
        if (threads == null) {
            threads = ManagementFactory.getThreadMXBean();
            cpuClock = threads.isCurrentThreadCpuTimeSupported();
        }
        long start = now();
        while (now() - start < nanos) {
            spin();
        }
    }

    /** A runaway computation: never returns. */
    void burnForever() {
        while (true) {
            spin();
        }
    }

    private long now() {
        return cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** About 100 microseconds of arithmetic the JIT cannot drop (the result is kept). */
    private void spin() {
        long x = sink | 1;
        for (int i = 0; i < 20_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
    }
}
