package dev.leanverify.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.testing.Processes;
import dev.leanverify.testing.SimRepls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The per-thread pool with real simulated REPL processes. */
@Tag("integration")
class ReplPoolTest {
    private final HeaderSplitter splitter = new HeaderSplitter(false);
    private final List<ReplPool> pools = new ArrayList<>();
    private final List<Long> seen = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ReplPool::close);
        Processes.awaitGone(seen, Duration.ofSeconds(10));
    }

    private ReplPool pool(PoolConfig config) {
        return pool(config, SimRepls.spec());
    }

    private ReplPool pool(PoolConfig config, ReplSpec spec) {
        ReplPool p = new ReplPool(config, SimRepls.launcher(spec, "pool"));
        pools.add(p);
        return p;
    }

    private ReplSession use(ReplPool pool, String header, Retirement outcome) {
        Acquired a = pool.acquire(splitter.split(header + "\ntheorem t : True := trivial"));
        ReplSession s = a instanceof Acquired.Warm w ? w.session() : ((Acquired.Loaded) a).session();
        seen.add(s.process().pid());
        pool.release(s, outcome);
        return s;
    }

    @Test
    void reusesTheReplOfAHeaderAndCountsHitsAndMisses() {
        ReplPool pool = pool(PoolConfig.defaults());

        ReplSession first = use(pool, "import A", null);
        ReplSession second = use(pool, "import A", null);
        use(pool, "import B", null);

        assertThat(second.process().pid()).isEqualTo(first.process().pid());
        assertThat(pool.stats().hits()).isEqualTo(1);
        assertThat(pool.stats().misses()).isEqualTo(2);
        assertThat(pool.stats().starts()).isEqualTo(2);
        assertThat(pool.size()).isEqualTo(2);
    }

    @Test
    void evictionClosesTheEvictedProcess() {
        ReplPool pool = pool(new PoolConfig(2, 0, 100, List.of()));

        List<Long> pids = new ArrayList<>();
        for (String h : List.of("import A", "import B", "import C", "import D")) {
            pids.add(use(pool, h, null).process().pid());
        }

        assertThat(pool.size()).isLessThanOrEqualTo(2);
        assertThat(pool.stats().evictions()).isGreaterThanOrEqualTo(2);
        List<Long> evicted = new ArrayList<>(pids);
        evicted.removeAll(pool.idlePids());
        Processes.awaitGone(evicted, Duration.ofSeconds(5));
    }

    @Test
    void recyclesAReplAfterItsMaximumUses() {
        ReplPool pool = pool(new PoolConfig(2, 0, 3, List.of()));

        long a = use(pool, "import A", null).process().pid();
        use(pool, "import A", null);
        use(pool, "import A", null);
        long b = use(pool, "import A", null).process().pid();

        assertThat(b).isNotEqualTo(a);
        assertThat(pool.stats().retired(Retirement.RECYCLED)).isEqualTo(1);
        Processes.awaitGone(List.of(a), Duration.ofSeconds(5));
    }

    @Test
    void aFailedSessionIsReplacedByAFreshOne() {
        ReplPool pool = pool(PoolConfig.defaults());

        long a = use(pool, "import A", Retirement.TIMEOUT).process().pid();
        long b = use(pool, "import A", null).process().pid();

        assertThat(b).isNotEqualTo(a);
        assertThat(pool.stats().retired(Retirement.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void memoryBudgetClosesTheLeastRecentlyUsedRepls() {
        // each header holds 150 MB in the simulator; a 250 MB budget keeps one of them
        ReplSpec spec = SimRepls.spec(SimulatedReplCommand.defaults().withTimeScale(0).withHeaderMemoryMb(150));
        ReplPool pool = pool(new PoolConfig(4, 250L << 20, 100, List.of()), spec);

        use(pool, "import A", null);
        use(pool, "import B", null);
        use(pool, "import C", null);

        assertThat(pool.size()).isEqualTo(1);
        assertThat(pool.stats().retired(Retirement.MEMORY_BUDGET)).isEqualTo(2);
        assertThat(pool.residentBytes()).isGreaterThan(150L << 20);
    }

    @Test
    void prewarmLoadsConfiguredHeadersSoTheFirstProofHits() {
        ReplPool pool = pool(new PoolConfig(2, 0, 100, List.of("import Mathlib\nimport Aesop")));

        pool.prewarm();
        seen.addAll(pool.idlePids());
        use(pool, "import Mathlib\nimport Aesop", null);

        assertThat(pool.stats().hits()).isEqualTo(1);
    }

    @Test
    void closingThePoolEndsEveryProcess() {
        ReplPool pool = pool(PoolConfig.defaults());
        use(pool, "import A", null);
        use(pool, "import B", null);
        List<Long> trees = new ArrayList<>();
        pool.idlePids().forEach(pid -> trees.addAll(ProcessTree.pids(pid)));

        pool.close();

        Processes.awaitGone(trees, Duration.ofSeconds(5));
        assertThat(pool.size()).isZero();
    }

    @Test
    void aReplThatCannotStartGivesItsReasonAndBacksOff() {
        ReplSpec broken = SimRepls.withCommand(SimRepls.spec(), List.of("/no/such/repl"));
        ReplPool pool = pool(new PoolConfig(2, 0, 100, List.of(), Duration.ofMillis(400)), broken);

        long t0 = System.nanoTime();
        Acquired first = pool.acquire(splitter.split("theorem t : True := trivial"));
        Acquired second = pool.acquire(splitter.split("theorem t : True := trivial"));
        long waited = System.nanoTime() - t0;

        assertThat(first).isInstanceOf(Acquired.Unavailable.class);
        assertThat(((Acquired.Unavailable) first).detail()).contains("/no/such/repl");
        assertThat(second).isInstanceOf(Acquired.Unavailable.class);
        assertThat(Duration.ofNanos(waited)).as("backoff between the failed start and the next attempt").isGreaterThan(Duration.ofMillis(350));
        assertThat(pool.stats().lastStartFailure()).contains("/no/such/repl");
        assertThat(pool.stats().retired(Retirement.START_FAILED)).isEqualTo(2);
    }

    @Test
    void theStartBackoffRunsOnTheLaunchersTicker() {
        ReplSpec broken = SimRepls.withCommand(SimRepls.spec(), List.of("/no/such/repl"));
        AtomicLong now = new AtomicLong();
        ReplPool pool = new ReplPool(new PoolConfig(2, 0, 100, List.of(), Duration.ofSeconds(5)),
                new ReplLauncher(broken, new ReplJson(), now::get, "pool"));
        pools.add(pool);

        pool.acquire(splitter.split("theorem t : True := trivial"));
        now.addAndGet(Duration.ofSeconds(10).toNanos()); // the backoff (500 ms for a first failure) has passed
        long t0 = System.nanoTime();
        Acquired second = pool.acquire(splitter.split("theorem t : True := trivial"));

        assertThat(second).isInstanceOf(Acquired.Unavailable.class);
        assertThat(pool.stats().retired(Retirement.START_FAILED)).as("the start was tried again").isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("no wait once the ticker is past the backoff")
                .isLessThan(Duration.ofMillis(450));
    }

    @Test
    void abortFromAnotherThreadEndsAProofInFlight() throws Exception {
        ReplPool pool = pool(PoolConfig.defaults());
        Acquired a = pool.acquire(splitter.split("theorem t : True := trivial"));
        ReplSession s = ((Acquired.Loaded) a).session();
        seen.add(s.process().pid());
        Thread prover = Thread.currentThread();
        Thread aborter = new Thread(() -> {
            Processes.await(() -> waitingInSend(prover), Duration.ofSeconds(10), "the proof to be in flight");
            pool.abort();
        });
        aborter.start();

        long t0 = System.nanoTime();
        ReplOutcome outcome = s.process().send(ReplRequest.Command.of("-- sim: hang\ntheorem t : True := trivial",
                s.headerEnv()), Duration.ofSeconds(30));
        aborter.join();

        assertThat(outcome).isInstanceOf(ReplOutcome.Failed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(pool.acquire(splitter.split("theorem u : True := trivial")))
                .isInstanceOf(Acquired.Unavailable.class);
    }

    /** True while {@code thread} is blocked inside {@link ReplProcess#send}, waiting for the REPL's answer. */
    private static boolean waitingInSend(Thread thread) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && java.util.Arrays.stream(thread.getStackTrace()).anyMatch(f -> f.getMethodName().equals("send")
                && f.getClassName().equals(ReplProcess.class.getName()));
    }
}
