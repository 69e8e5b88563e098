package dev.leanverify.repl;

import java.util.List;

/**
 * Bounds of one thread's REPL pool.
 *
 * @param maxProcesses     warm REPLs kept at most (one per distinct header)
 * @param memoryBudgetBytes total resident memory of the pool's process trees above which the
 *                         least recently used REPLs are closed; 0 for no budget
 * @param maxUses          proofs a REPL checks before it is replaced (the REPL keeps every
 *                         environment it creates, so memory grows with use)
 * @param prewarmHeaders   import headers to load when the pool is created
 * @param startBackoffMax  longest wait between attempts to start a REPL that keeps failing to start
 */
public record PoolConfig(int maxProcesses, long memoryBudgetBytes, int maxUses, List<String> prewarmHeaders,
                         java.time.Duration startBackoffMax) {

    public PoolConfig(int maxProcesses, long memoryBudgetBytes, int maxUses, List<String> prewarmHeaders) {
        this(maxProcesses, memoryBudgetBytes, maxUses, prewarmHeaders, java.time.Duration.ofSeconds(30));
    }

    public PoolConfig {
        if (maxProcesses < 1) {
            throw new IllegalArgumentException("the pool must keep at least 1 REPL, was " + maxProcesses);
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("the pool memory budget must not be negative, was " + memoryBudgetBytes);
        }
        if (maxUses < 1) {
            throw new IllegalArgumentException("a REPL must be usable at least once, max uses was " + maxUses);
        }
        prewarmHeaders = List.copyOf(prewarmHeaders);
        java.util.Objects.requireNonNull(startBackoffMax, "startBackoffMax");
    }

    public static PoolConfig defaults() {
        return new PoolConfig(2, 0, 500, List.of());
    }
}
