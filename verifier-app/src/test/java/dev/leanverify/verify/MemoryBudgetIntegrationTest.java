package dev.leanverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.Settings;
import dev.leanverify.repl.MemoryBudget;
import dev.leanverify.repl.ProcessTree;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.testing.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The instance memory budget with real simulated REPLs that hold 150 MB each
 * ({@code lean.sim.header.memory.mb}): three threads' pools share one budget that fits two REPLs.
 */
@Tag("integration")
class MemoryBudgetIntegrationTest {
    private static final long MB = 1L << 20;
    private final List<ProofVerifier> verifiers = new ArrayList<>();
    private final AtomicBoolean sampling = new AtomicBoolean(true);

    /** Simulated REPLs of earlier test classes in this JVM still alive: not this test's to count. */
    private java.util.Set<Long> before = java.util.Set.of();

    @BeforeEach
    void noteReplsOfOthers() {
        before = java.util.Set.copyOf(simulatedRepls());
    }

    @AfterEach
    void closeAll() {
        sampling.set(false);
        verifiers.forEach(ProofVerifier::close);
        Processes.awaitGone(simulatedRepls(), Duration.ofSeconds(10));
    }

    private static VerifierFactory factory(long headerMemoryMb, long budgetMb, long estimateMb) {
        Map<String, String> values = new HashMap<>(Map.of("lean.simulate", "true", "lean.sim.recordings", "none",
                "lean.sim.time.scale", "0", "lean.sandbox", "off", "pool.max.processes", "2",
                "lean.sim.header.memory.mb", Long.toString(headerMemoryMb),
                "pool.instance.memory.budget.mb", Long.toString(budgetMb),
                "pool.instance.memory.repl.estimate.mb", Long.toString(estimateMb)));
        LeanSettings lean = LeanSettings.from(Settings.empty().with(values));
        return new VerifierFactory(lean, ReplSpecs.from(lean, SimulatedReplCommand::commandLineFor), "budget-it");
    }

    private ProofVerifier verifier(VerifierFactory factory, String name) {
        ProofVerifier v = factory.create(name);
        synchronized (verifiers) {
            verifiers.add(v);
        }
        return v;
    }

    @Test
    void neverMoreReplsLiveThanFitAndIdleOnesMakeRoom() throws Exception {
        // a simulated REPL holding 150 MB is ~190-210 MB resident (JVM included): 450 MB fits two, not three
        long budgetMb = 450;
        VerifierFactory factory = factory(150, budgetMb, 240);
        MemoryBudget budget = factory.memoryBudget();
        AtomicInteger peakLive = new AtomicInteger();
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                List<Long> repls = simulatedRepls();
                long rss = repls.stream().mapToLong(ProcessTree::residentBytes).sum();
                peakLive.accumulateAndGet(repls.size(), Math::max);
                peakRss.accumulateAndGet(rss, Math::max);
                try {
                    Thread.sleep(10); // sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();

        int threads = 3;
        int proofsPerThread = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<VerificationReport>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                ProofVerifier v = verifier(factory, "t" + thread);
                List<VerificationReport> reports = new ArrayList<>();
                for (int i = 0; i < proofsPerThread; i++) {
                    // a header per thread and round: every start beyond two must close an idle REPL
                    String code = "import H" + thread + "x" + i + "\n-- sim: sleep 200\ntheorem t : True := trivial";
                    reports.add(v.verify(ProofJob.of("p" + thread + "-" + i, code)));
                }
                return reports;
            }));
        }
        List<VerificationReport> reports = new ArrayList<>();
        for (Future<List<VerificationReport>> f : work) {
            reports.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        sampling.set(false);
        sampler.join(5_000);

        System.out.printf("memory budget %d MiB: peak live REPLs %d (budget's count %d), peak resident %d MiB"
                        + " (budget's accounting %d MiB), evictions %d, waits %d, refusals %d%n", budgetMb,
                peakLive.get(), budget.peakLiveRepls(), peakRss.get() / MB, budget.peakUsedBytes() / MB,
                budget.evictions(), budget.waits(), budget.refusals());
        assertThat(reports).hasSize(threads * proofsPerThread)
                .allSatisfy(r -> assertThat(r.status()).as(r.id() + ": " + r.error()).isEqualTo(ProofStatus.VERIFIED));
        assertThat(peakLive.get()).as("simulated REPL processes alive at once").isBetween(1, 2);
        assertThat(budget.peakLiveRepls()).isLessThanOrEqualTo(2);
        assertThat(peakRss.get()).as("resident memory of all REPLs at once").isLessThanOrEqualTo(budgetMb * MB);
        assertThat(budget.peakUsedBytes()).isLessThanOrEqualTo(budgetMb * MB);
        assertThat(budget.evictions()).as("idle REPLs closed to make room").isGreaterThanOrEqualTo(threads * proofsPerThread - 2);
        assertThat(budget.refusals()).isZero();
    }

    @Test
    void aReplLargerThanTheWholeBudgetGivesAClearResourceLimitAtOnce() {
        // 400 MB held: larger than the 300 MB budget, though the estimate (250 MB) let the first one start
        VerifierFactory factory = factory(400, 300, 250);
        ProofVerifier v = verifier(factory, "big");
        String code = "import Huge\ntheorem t : True := trivial";

        VerificationReport first = v.verify(ProofJob.of("first", code));
        long t0 = System.nanoTime();
        VerificationReport second = v.verify(ProofJob.of("second", code));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(first.status()).as("the first REPL was measured only once loaded").isEqualTo(ProofStatus.VERIFIED);
        assertThat(second.status()).isEqualTo(ProofStatus.RESOURCE_LIMIT);
        assertThat(second.error()).contains("more than the whole REPL memory budget", "300 MiB",
                "pool.instance.memory.budget.mb");
        assertThat(took).as("refused at once, not after a wait").isLessThan(Duration.ofSeconds(5));
        Processes.await(() -> simulatedRepls().isEmpty(), Duration.ofSeconds(10),
                "the over-budget REPL to be closed once idle");
        assertThat(factory.memoryBudget().liveRepls()).isZero();
    }

    /** The simulated REPL processes this JVM started and that are still alive. */
    private List<Long> simulatedRepls() {
        return ProcessHandle.current().children()
                .map(ProcessHandle::pid)
                .filter(pid -> !before.contains(pid))
                .filter(pid -> commandLine(pid).contains(SimulatedReplCommand.MAIN_CLASS))
                .toList();
    }

    /** /proc/PID/cmdline (ProcessHandle.Info drops a long command line such as the simulator's class path). */
    private static String commandLine(long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(pid),
                    "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return ""; // gone
        }
    }
}
