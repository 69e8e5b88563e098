package dev.leanverify.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated REPL spends what a proof or an import header costs: burning CPU, as Lean
 * elaborating does (the default, so that contention between REPLs is real), or waiting without CPU
 * ({@code --wait}, setting {@code lean.sim.wait}), so that a benchmark can run many slow proofs at
 * once on few cores and see what the framework itself costs per slot. A wait is the same sleep as
 * the {@code -- sim: sleep} directive.
 */
final class WorkCost {
    private final CpuBurner cpu;
    private final boolean waits;

    WorkCost(CpuBurner cpu, boolean waits) {
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.waits = waits;
    }

    /** Spends {@code duration} (CPU time, or wall time when waiting); returns at once for zero or less. */
    void spend(Duration duration) throws InterruptedException {
        if (!waits) {
            cpu.burn(duration);
        } else if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        }
    }

    /** A proof that never finishes (recorded as timed out): burns a core for ever, or waits for ever. */
    void forever() throws InterruptedException {
        if (!waits) {
            cpu.burnForever();
        }
        while (true) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    boolean waits() {
        return waits;
    }
}
