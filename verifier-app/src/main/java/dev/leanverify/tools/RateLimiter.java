package dev.leanverify.tools;

/**
 * Spaces out operations to at most {@code perSecond} on average. Hand-written: a single-threaded
 * submitter needs only "wait until the next slot", not a general rate-limiting library.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private long next = System.nanoTime();

    public RateLimiter(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive, was " + perSecond);
        }
        this.intervalNanos = (long) (1e9 / perSecond);
    }

    public void acquire() throws InterruptedException {
        long now = System.nanoTime();
        if (next > now) {
            long wait = next - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next = Math.max(next, now) + intervalNanos;
    }
}
