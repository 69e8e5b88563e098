package dev.leanverify.testing;

import dev.leanverify.repl.ProcessTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waiting on conditions with a deadline, and checking that processes are gone. */
public final class Processes {
    private Processes() {
    }

    /** Waits until {@code condition} holds, polling; fails with {@code what} after {@code timeout}. */
    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Live processes (not zombies) among these pids, or in the process groups they led. */
    public static List<Long> alive(List<Long> pids) {
        List<Long> alive = new ArrayList<>();
        for (long pid : pids) {
            alive.addAll(ProcessTree.membersOfGroup(pid));
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !alive.contains(pid)
                    && ProcessTree.processGroupOf(pid).isPresent()) {
                alive.add(pid);
            }
        }
        return alive;
    }

    /** Waits until none of these processes (or their groups) is alive. */
    public static void awaitGone(List<Long> pids, Duration timeout) {
        await(() -> alive(pids).isEmpty(), timeout, "processes " + pids + " to end (alive: " + alive(pids) + ")");
    }
}
