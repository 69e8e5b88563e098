package dev.leanverify.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the benchmark runs, and at what size.
 *
 * @param proofs          efficiency workload size (the Goedel set cycled)
 * @param timeScale       recorded Lean time × this = CPU the simulated REPL burns per proof
 * @param headerLoadMs    CPU the simulated REPL burns to load a header, once per process
 * @param threads         stream-thread counts of the efficiency runs
 * @param partitions      partitions of the proofs topic (and the internal ones)
 * @param cacheProofs     proofs in the warm-vs-fresh REPL comparison
 * @param zeroCostProofs  proofs in the maximum-throughput run
 * @param latencyProofs   proofs in each light-load latency run, sent at {@code latencyRate} per second
 * @param routingProofs   proofs in each routing run, over {@code routingHeaders} headers, each costing {@code routingCostMs}
 * @param routingThreads  stream threads of the routing runs (2 warm REPLs each)
 * @param commitIntervalMs Kafka Streams commit.interval.ms for every run; null for its default (100 under exactly-once)
 * @param driverRequests  requests in the REPL driver's round-trip measurement
 * @param scenarios       which of driver, efficiency, cache, overhead, routing, instances to run
 * @param warmupProofs    zero-cost proofs each measured instance verifies first (JIT warm-up), where a scenario allows it
 * @param settings        verifier settings applied to every run's instances (--set KEY=VALUE)
 * @param rlProblems      RL scenario: problems (Goedel proofs) per run
 * @param rlSamples       RL scenario: samples per problem
 * @param rlRepeatPercents RL scenario: the shares of samples (in percent) that repeat an earlier sample's text
 * @param scale           scale scenario: slots and sizes of its waiting-proof runs
 */
public record BenchOptions(boolean quick, int proofs, double timeScale, long headerLoadMs, List<Integer> threads,
                           int partitions, int cacheProofs, int zeroCostProofs, int latencyProofs, double latencyRate,
                           int routingProofs, int routingHeaders, int routingThreads, long routingCostMs,
                           Integer commitIntervalMs, int warmupProofs, int driverRequests, Set<String> scenarios, Map<String, String> settings,
                           Path outDir, int rlProblems, int rlSamples, List<Integer> rlRepeatPercents, Scale scale) {

    public static final Set<String> SCENARIOS = Set.of("driver", "efficiency", "cache", "overhead", "routing",
            "instances", "rl", "scale");

    /**
     * The scale scenario (issue 18): Lean slots (= stream threads = partitions today, one REPL each)
     * in one instance, and several instances, on proofs that wait (the simulator's {@code lean.sim.wait})
     * for times drawn from the Goedel workbook's recorded times, scaled to a mean wait; each size run
     * twice on the same instances (cold, then warm), then left idle to measure what doing nothing costs.
     *
     * @param slots          slot counts of the one-instance runs
     * @param instances      instances of the multi-instance run (0: none)
     * @param slotsPerInstance slots of each instance of the multi-instance run
     * @param proofsPerSlot  proofs per slot in each run (cold and warm alike)
     * @param meanWaitMs     the mean wait per proof the recorded times are scaled to
     * @param idleSeconds    how long the idle CPU is measured after the warm run
     */
    public record Scale(List<Integer> slots, int instances, int slotsPerInstance, int proofsPerSlot,
                        double meanWaitMs, int idleSeconds) {
        public Scale {
            slots = List.copyOf(slots);
            if (slots.stream().anyMatch(n -> n < 1) || instances < 0 || (instances > 0 && slotsPerInstance < 1)
                    || proofsPerSlot < 1 || !(meanWaitMs > 0) || Double.isInfinite(meanWaitMs) || idleSeconds < 0) {
                throw new IllegalArgumentException("scale: slots and --scale-proofs-per-slot must be at least 1,"
                        + " --scale-mean-wait-ms positive, --scale-idle-seconds not negative; were " + slots + ", "
                        + proofsPerSlot + ", " + meanWaitMs + ", " + idleSeconds);
            }
        }

        /**
         * 8, 16, 32, 64 slots and 4 x 16; 100 proofs per slot waiting 400 ms on average (fewer make the
         * last, longest proofs of a batch bound the run: at 40 per slot the batch's tail alone capped
         * achieved/ideal at ~0.86); 10 s idle.
         */
        public static Scale full() {
            return new Scale(List.of(8, 16, 32, 64), 4, 16, 100, 400, 10);
        }

        /** 8 slots and 2 x 4, a few proofs each: a smoke run. */
        public static Scale quick() {
            return new Scale(List.of(8), 2, 4, 4, 100, 3);
        }
    }

    /** Options with the RL scenario at its default size (16 problems x 8 samples; 0, 25 and 50% repeats). */
    public BenchOptions(boolean quick, int proofs, double timeScale, long headerLoadMs, List<Integer> threads,
                        int partitions, int cacheProofs, int zeroCostProofs, int latencyProofs, double latencyRate,
                        int routingProofs, int routingHeaders, int routingThreads, long routingCostMs,
                        Integer commitIntervalMs, int warmupProofs, int driverRequests, Set<String> scenarios,
                        Map<String, String> settings, Path outDir) {
        this(quick, proofs, timeScale, headerLoadMs, threads, partitions, cacheProofs, zeroCostProofs, latencyProofs,
                latencyRate, routingProofs, routingHeaders, routingThreads, routingCostMs, commitIntervalMs,
                warmupProofs, driverRequests, scenarios, settings, outDir, 16, 8, List.of(0, 25, 50));
    }

    /** Options with the scale scenario at its full or quick size. */
    public BenchOptions(boolean quick, int proofs, double timeScale, long headerLoadMs, List<Integer> threads,
                        int partitions, int cacheProofs, int zeroCostProofs, int latencyProofs, double latencyRate,
                        int routingProofs, int routingHeaders, int routingThreads, long routingCostMs,
                        Integer commitIntervalMs, int warmupProofs, int driverRequests, Set<String> scenarios,
                        Map<String, String> settings, Path outDir, int rlProblems, int rlSamples,
                        List<Integer> rlRepeatPercents) {
        this(quick, proofs, timeScale, headerLoadMs, threads, partitions, cacheProofs, zeroCostProofs, latencyProofs,
                latencyRate, routingProofs, routingHeaders, routingThreads, routingCostMs, commitIntervalMs,
                warmupProofs, driverRequests, scenarios, settings, outDir, rlProblems, rlSamples, rlRepeatPercents,
                quick ? Scale.quick() : Scale.full());
    }

    public BenchOptions {
        threads = List.copyOf(threads);
        rlRepeatPercents = List.copyOf(rlRepeatPercents);
        if (rlProblems < 1 || rlSamples < 1 || rlRepeatPercents.isEmpty()
                || rlRepeatPercents.stream().anyMatch(r -> r < 0 || r > 95)) {
            throw new IllegalArgumentException("--rl-problems and --rl-samples must be at least 1, --rl-repeat-percents"
                    + " between 0 and 95; were " + rlProblems + ", " + rlSamples + ", " + rlRepeatPercents);
        }
        scenarios = Set.copyOf(scenarios);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(scale, "scale");
        for (String s : scenarios) {
            if (!SCENARIOS.contains(s)) {
                throw new IllegalArgumentException("unknown scenario '" + s + "'"
                        + dev.leanverify.config.Suggestions.nearest(s, SCENARIOS).map(n -> ": did you mean '" + n + "'?")
                                .orElse("") + " — the scenarios are " + String.join(", ", new java.util.TreeSet<>(SCENARIOS)));
            }
        }
        positive("--proofs", proofs);
        positive("--cache-proofs", cacheProofs);
        positive("--zero-cost-proofs", zeroCostProofs);
        positive("--latency-proofs", latencyProofs);
        positive("--routing-proofs", routingProofs);
        positive("--routing-headers", routingHeaders);
        positive("--routing-threads", routingThreads);
        positive("--partitions", partitions);
        positive("--driver-requests", driverRequests);
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("--time-scale must be a positive number, was " + timeScale);
        }
        if (headerLoadMs < 0 || routingCostMs < 0) {
            throw new IllegalArgumentException("--header-load-ms and --routing-cost-ms must not be negative");
        }
        if (!(latencyRate > 0)) {
            throw new IllegalArgumentException("--latency-rate must be positive, was " + latencyRate);
        }
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > partitions)) {
            throw new IllegalArgumentException("--threads must be between 1 and --partitions (" + partitions
                    + "), was " + threads);
        }
        if (warmupProofs < 0) {
            throw new IllegalArgumentException("--warmup-proofs must not be negative, was " + warmupProofs);
        }
        if (commitIntervalMs != null && commitIntervalMs < 1) {
            throw new IllegalArgumentException("--commit-interval-ms must be positive, was " + commitIntervalMs);
        }
    }

    /** The full run: a few minutes per scenario on 2 cores. */
    public static BenchOptions full(Path outDir) {
        return new BenchOptions(false, 2000, 0.02, 100, List.of(1, 2), 8, 400, 10_000, 400, 20, 600, 16, 8, 20, null,
                20_000, 5000, SCENARIOS, Map.of(), outDir);
    }

    /** The smoke run: the same scenarios, small, in under three minutes. */
    public static BenchOptions quick(Path outDir) {
        return new BenchOptions(true, 60, 0.005, 25, List.of(1, 2), 8, 16, 1000, 40, 40, 48, 16, 8, 5, null,
                0, 1000, Set.of("driver", "efficiency", "cache", "overhead", "routing", "scale"), Map.of(), outDir);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }
}
