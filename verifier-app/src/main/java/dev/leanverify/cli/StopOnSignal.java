package dev.leanverify.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command stop cleanly on SIGTERM or SIGINT and still end the process
 * with its own exit code.
 *
 * <p>On a signal the JVM runs its shutdown hooks and then exits with 128 + the signal number
 * (143 for SIGTERM), whatever the hooks do, and {@code System.exit} called during shutdown
 * blocks forever. So the hook installed here only wakes the command's thread (blocked in
 * {@link #await()}), waits until that thread has cleaned up and called {@link #release(int)},
 * and then ends the JVM with {@code Runtime.halt(code)}; if the thread takes longer than the
 * grace period, it halts with 1. Halting skips hooks that have not finished yet; the logging
 * hook loses nothing, since the console appenders flush every line.
 *
 * <p>Any JVM shutdown triggers this, a {@code System.exit} elsewhere included. Outside a
 * shutdown, {@link #release(int)} just removes the hook, so the command also runs in-process
 * (tests stop it by interrupting its thread).
 */
final class StopOnSignal {
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Duration grace;
    private final Thread hook;
    private volatile int exitCode = 1;

    private StopOnSignal(Duration grace, String name) {
        this.grace = grace;
        this.hook = new Thread(this::onShutdown, name + "-shutdown-hook");
    }

    /**
     * Installs the shutdown hook.
     *
     * @param grace how long the hook waits for {@link #release(int)} before halting with 1
     * @param name  names the hook thread
     */
    static StopOnSignal install(Duration grace, String name) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the grace period must be positive, was " + grace);
        }
        StopOnSignal stop = new StopOnSignal(grace, Objects.requireNonNull(name, "name"));
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /**
     * Blocks until the JVM begins to shut down or the calling thread is interrupted (its
     * interrupt flag is then set again).
     */
    void await() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Says the command has cleaned up. During a shutdown the hook then ends the JVM with
     * {@code code}; otherwise the hook is removed and the caller returns as usual.
     */
    void release(int code) {
        exitCode = code;
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and halts the JVM with the code just set.
        }
    }

    private void onShutdown() {
        stopRequested.countDown();
        boolean cleanedUp;
        try {
            cleanedUp = released.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            cleanedUp = false;
        }
        Runtime.getRuntime().halt(cleanedUp ? exitCode : 1);
    }
}
