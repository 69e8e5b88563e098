package dev.leanverify.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The instance memory budget's arithmetic and eviction choices, with a fake RSS source and ticker. */
@Tag("unit")
class MemoryBudgetTest {
    private static final long MB = 1L << 20;
    private final Map<Long, Long> rss = new HashMap<>();
    private final AtomicLong now = new AtomicLong();
    private final List<String> evicted = new ArrayList<>();
    private final Object poolA = "pool A";
    private final Object poolB = "pool B";
    private final Object poolC = "pool C";

    private MemoryBudget budget(long limitMb, long estimateMb) {
        return new MemoryBudget(new MemoryBudgetConfig(limitMb * MB, estimateMb * MB, "test"),
                pid -> rss.getOrDefault(pid, 0L), now::get);
    }

    private MemoryBudget.Charge grant(MemoryBudget budget, Object owner, String header) {
        MemoryBudget.Grant g = budget.reserve(owner, header, Duration.ZERO, () -> false);
        assertThat(g).as("room for " + header).isInstanceOf(MemoryBudget.Grant.Granted.class);
        return ((MemoryBudget.Grant.Granted) g).charge();
    }

    /** A REPL of {@code header} started, loaded and measured at {@code mb}. */
    private MemoryBudget.Charge started(MemoryBudget budget, Object owner, String header, long pid, long mb) {
        MemoryBudget.Charge c = grant(budget, owner, header);
        rss.put(pid, mb * MB);
        c.measure(pid, true);
        return c;
    }

    private void idle(MemoryBudget.Charge c, String name) {
        now.addAndGet(1000);
        c.idle(() -> {
            evicted.add(name);
            c.release();
            return true;
        });
    }

    @Test
    void chargesMeasuredMemoryAndRefusesAStartThatDoesNotFit() {
        MemoryBudget budget = budget(400, 100);

        started(budget, poolA, "A", 1, 150);
        started(budget, poolB, "A", 2, 150);
        MemoryBudget.Grant third = budget.reserve(poolC, "A", Duration.ZERO, () -> false);

        assertThat(budget.usedBytes()).isEqualTo(300 * MB);
        assertThat(third).isInstanceOf(MemoryBudget.Grant.Refused.class);
        assertThat(((MemoryBudget.Grant.Refused) third).detail()).contains("no room", "300 of 400 MiB", "150 MiB");
        assertThat(budget.liveRepls()).isEqualTo(2);
        assertThat(budget.refusals()).isEqualTo(1);
    }

    @Test
    void aHeaderNeverMeasuredCountsAsTheEstimateUntilItsFirstReplIsMeasured() {
        MemoryBudget budget = budget(400, 100);

        MemoryBudget.Charge probe = grant(budget, poolA, "A");
        assertThat(budget.usedBytes()).isEqualTo(100 * MB);
        assertThat(budget.reserve(poolB, "A", Duration.ZERO, () -> false))
                .as("one REPL of an unmeasured header at a time").isInstanceOf(MemoryBudget.Grant.Refused.class);
        assertThat(budget.reserve(poolB, "B", Duration.ZERO, () -> false))
                .as("another header is not held up").isInstanceOf(MemoryBudget.Grant.Granted.class);

        rss.put(7L, 120 * MB);
        probe.measure(7, true);
        MemoryBudget.Charge second = grant(budget, poolB, "A");

        assertThat(second.bytes()).as("the header's measured size is its estimate now").isEqualTo(120 * MB);
        assertThat(budget.usedBytes()).isEqualTo((120 + 100 + 120) * MB);
    }

    @Test
    void aStartThatWaitedOutTheFirstLoadOfItsHeaderGoesAheadOnTheEstimate() {
        MemoryBudget budget = budget(400, 100);
        grant(budget, poolA, "A"); // loading, not yet measured
        MemoryBudget.Grant g = budget.reserve(poolB, "A", Duration.ofSeconds(1), () -> {
            now.addAndGet(Duration.ofMillis(300).toNanos()); // time passes while it waits
            return false;
        });

        assertThat(g).isInstanceOf(MemoryBudget.Grant.Granted.class);
        assertThat(budget.usedBytes()).isEqualTo(200 * MB);
        assertThat(budget.waits()).isEqualTo(1);
    }

    @Test
    void evictsItsOwnIdleReplFirstThenTheLeastRecentlyUsedOfOthers() {
        MemoryBudget budget = budget(400, 100);
        MemoryBudget.Charge b1 = started(budget, poolB, "B1", 1, 100);
        MemoryBudget.Charge c1 = started(budget, poolC, "C1", 2, 100);
        MemoryBudget.Charge a1 = started(budget, poolA, "A1", 3, 100);
        started(budget, poolB, "B2", 4, 100);
        idle(b1, "B1"); // the coldest
        idle(c1, "C1");
        idle(a1, "A1"); // the warmest, but pool A's own

        grant(budget, poolA, "B1"); // no room: pool A closes its own idle REPL, though others are colder
        grant(budget, poolC, "A1"); // pool C likewise
        assertThat(evicted).containsExactly("A1", "C1");

        grant(budget, poolA, "X"); // pool A has none idle now: the least recently used of the others goes

        assertThat(evicted).containsExactly("A1", "C1", "B1");
        assertThat(budget.evictions()).isEqualTo(3);
        assertThat(budget.usedBytes()).isEqualTo(400 * MB);
        assertThat(budget.peakUsedBytes()).isEqualTo(400 * MB);
        assertThat(budget.reserve(poolA, "Y", Duration.ZERO, () -> false)).as("nothing idle is left")
                .isInstanceOf(MemoryBudget.Grant.Refused.class);
    }

    @Test
    void aReplLargerThanTheWholeBudgetIsRefusedAtOnceWithTheReason() {
        MemoryBudget budget = budget(400, 100);
        MemoryBudget.Charge big = started(budget, poolA, "Mathlib", 1, 500);
        big.release();

        MemoryBudget.Grant g = budget.reserve(poolA, "Mathlib", Duration.ofMinutes(10), () -> false);

        assertThat(g).isInstanceOf(MemoryBudget.Grant.Refused.class);
        assertThat(((MemoryBudget.Grant.Refused) g).detail()).contains("500 MiB", "400 MiB", "can never start");
        assertThat(((MemoryBudget.Grant.Refused) g).cancelled()).isFalse();
    }

    @Test
    void aStartWaitsForABusyReplToEndRatherThanGoOverTheLimit() throws Exception {
        MemoryBudget budget = budget(300, 100);
        MemoryBudget.Charge busy1 = started(budget, poolA, "A", 1, 150);
        started(budget, poolB, "A", 2, 150);
        Thread[] waiter = new Thread[1];
        CompletableFuture<MemoryBudget.Grant> grant = CompletableFuture.supplyAsync(() -> {
            waiter[0] = Thread.currentThread();
            return budget.reserve(poolC, "A", Duration.ofMinutes(10), () -> false); // the ticker stands still
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (waiter[0] == null || waiter[0].getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the start to wait").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(grant).isNotDone();

        busy1.release();

        assertThat(grant.get(20, TimeUnit.SECONDS)).isInstanceOf(MemoryBudget.Grant.Granted.class);
        assertThat(budget.waits()).isEqualTo(1);
        assertThat(budget.peakUsedBytes()).isLessThanOrEqualTo(300 * MB);
    }

    @Test
    void aWaitingStartGivesUpWhenCancelled() {
        MemoryBudget budget = budget(200, 100);
        started(budget, poolA, "A", 1, 150);

        MemoryBudget.Grant g = budget.reserve(poolB, "A", Duration.ofMinutes(10), () -> true);

        assertThat(g).isInstanceOf(MemoryBudget.Grant.Refused.class);
        assertThat(((MemoryBudget.Grant.Refused) g).cancelled()).isTrue();
    }

    @Test
    void replsThatGrowOverTheLimitMakeTheIdleOnesGo() {
        MemoryBudget budget = budget(400, 100);
        MemoryBudget.Charge idleOne = started(budget, poolA, "A", 1, 150);
        MemoryBudget.Charge busy = started(budget, poolB, "B", 2, 150);
        idle(idleOne, "A");

        rss.put(2L, 300 * MB);
        busy.measure(2, false);
        budget.enforce();

        assertThat(evicted).containsExactly("A");
        assertThat(budget.usedBytes()).isEqualTo(300 * MB);
        assertThat(budget.reserve(poolA, "B", Duration.ZERO, () -> false))
                .as("the header's estimate is its size after loading, not after growth")
                .isInstanceOf(MemoryBudget.Grant.Refused.class); // 300 + 150 > 400
    }

    @Test
    void anIdleReplTakenBackByItsPoolIsNotCountedAsEvictedAndAnotherIsTried() {
        MemoryBudget budget = budget(300, 100);
        MemoryBudget.Charge taken = started(budget, poolA, "A", 1, 100);
        MemoryBudget.Charge other = started(budget, poolB, "B", 2, 100);
        started(budget, poolB, "C", 3, 100);
        now.addAndGet(1000);
        taken.idle(() -> false); // the owner got it first
        idle(other, "B");

        grant(budget, poolC, "B");

        assertThat(evicted).containsExactly("B");
        assertThat(budget.evictions()).isEqualTo(1);
    }

    @Test
    void withoutABudgetEveryStartIsGrantedAndNothingIsCounted() {
        MemoryBudget budget = new MemoryBudget(MemoryBudgetConfig.off(), pid -> {
            throw new AssertionError("no measuring without a budget");
        }, now::get);

        for (int i = 0; i < 100; i++) {
            grant(budget, poolA, "A").measure(i, true);
        }

        assertThat(budget.usedBytes()).isZero();
        assertThat(budget.liveRepls()).isZero();
    }
}
