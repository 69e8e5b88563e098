package dev.leanverify.bench;

import dev.leanverify.sim.SharedData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the benchmark's scenarios through the real pipeline: one embedded Kafka broker in this JVM
 * (with the load generator and the result reader), verifier instances as their own processes, the
 * simulated REPL supplying the Lean work as real CPU burn.
 */
public final class Benchmark {
    /**
     * The broker is infrastructure that production runs elsewhere: C1 only (its JIT would otherwise
     * take a good share of the two cores for minutes), a small heap.
     */
    static final List<String> BROKER_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx768m");
    private final BenchOptions options;
    private final PrintWriter progress;
    private final Class<?> cliMain;

    /**
     * @param progress where a line per run goes as the benchmark proceeds
     * @param cliMain  the class whose {@code main} runs {@code leanverify} commands: the broker and
     *                 the verifier instances run with it in JVMs of their own (passed in by the cli,
     *                 which the bench does not depend on)
     */
    public Benchmark(BenchOptions options, PrintWriter progress, Class<?> cliMain) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.cliMain = Objects.requireNonNull(cliMain, "cliMain");
    }

    public BenchReport run() throws InterruptedException {
        Path data = SharedData.requireDataDir();
        List<Workloads.Recorded> recordings = Workloads.goedelRecordings(data);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        DriverBench.Figures driver = null;
        if (options.scenarios().contains("driver")) {
            say("driver: " + options.driverRequests() + " round trips to a zero-cost simulated REPL (after as many to"
                    + " warm up), nothing else running...");
            try {
                driver = DriverBench.run(options.driverRequests());
            } catch (dev.leanverify.repl.ReplStartException e) {
                throw new IllegalStateException("cannot start the simulated REPL: " + e.getMessage(), e);
            }
            say(String.format(Locale.ROOT, "driver: ReplProcess.send p50 %.3f ms p99 %.3f ms; ProofVerifier.verify"
                    + " p50 %.3f ms p99 %.3f ms", driver.send().p50(), driver.send().p99(), driver.verify().p50(),
                    driver.verify().p99()));
            StrictBench.Figures st = driver.strict();
            say(String.format(Locale.ROOT, "strict (%d proofs over %d problems): ProofVerifier.verify p50 %.3f ms"
                    + " non-strict, %.3f ms strict with the reference cached (%.2f extra REPL requests per proof),"
                    + " %.3f ms uncached (%.2f extra)", st.proofs(), StrictBench.PROBLEMS, st.plain().verify().p50(),
                    st.cached().verify().p50(), st.cached().extraRequestsPerProof(), st.uncached().verify().p50(),
                    st.uncached().extraRequestsPerProof()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (options.scenarios().stream().allMatch("driver"::equals)) {
            return new BenchReport(options, started, seconds, recordings.size(), driver, List.of()); // no Kafka needed
        }
        say("starting a Kafka broker (its own JVM, C1-compiled: it shares the cores only because this benchmark"
                + " runs on one machine)...");
        try (ChildJvm broker = ChildJvm.broker(options.outDir().resolve("broker"), BROKER_JVM_OPTIONS, cliMain)) {
            String bootstrapServers = broker.awaitReady(Duration.ofMinutes(2));
            Map<String, String> base = new HashMap<>();
            base.put("lean.sim.time.scale", Double.toString(options.timeScale()));
            base.put("lean.sim.header.load.ms", Long.toString(options.headerLoadMs()));
            base.put("lean.sim.recordings", data.toString());
            // The workloads repeat texts (the Goedel set cycled), which the verdict cache (on by default)
            // would answer without Lean: every run measures Lean's path unless its spec turns the cache on
            // (the rl runs compare both; the scale runs, whose texts are unique, keep the default).
            base.put("verdict.cache.enabled", "false");
            if (options.commitIntervalMs() != null) {
                base.put("commit.interval.ms", Integer.toString(options.commitIntervalMs()));
            }
            base.putAll(options.settings());
            PipelineRun runner = new PipelineRun(broker, bootstrapServers, options.outDir().resolve("runs"), base,
                    options.quick());
            Scenarios scenarios = new Scenarios(runner, recordings);
            List<RunFigures> runs = scenarios.runAll();
            return new BenchReport(options, started, (System.nanoTime() - t0) / 1e9, recordings.size(), driver, runs);
        }
    }

    private void say(String line) {
        progress.println("bench: " + line);
        progress.flush();
    }

    /** Proofs (of the scale runs' header, 1 ms each) run between a scale run's cold and warm phases. */
    static final int JIT_WARMUP_PROOFS = 6000;
    static final String JIT_WARMUP_SUFFIX = "-jit-warmup";

    /** The scenarios in order; each run is announced and summed up on the progress stream. */
    private final class Scenarios {
        private final PipelineRun runner;
        private final List<Workloads.Recorded> recordings;
        private final List<RunFigures> runs = new ArrayList<>();

        Scenarios(PipelineRun runner, List<Workloads.Recorded> recordings) {
            this.runner = runner;
            this.recordings = recordings;
        }

        List<RunFigures> runAll() throws InterruptedException {
            Workload goedel = Workloads.goedelShaped(recordings, options.proofs(), options.timeScale());
            int most = options.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
            Map<String, String> noRecordings = Map.of("lean.sim.recordings", "none");
            int warm = options.warmupProofs();
            if (options.scenarios().contains("efficiency")) {
                for (int t : options.threads()) {
                    run(PipelineRun.Spec.single("efficiency-" + t + "t", goedel, t, 1, options.partitions(), warm, 0,
                            false, Map.of()));
                }
            }
            if (options.scenarios().contains("instances")) {
                run(PipelineRun.Spec.single("instances-2x1t", goedel, 1, 2, options.partitions(), warm, 0, false,
                        Map.of()));
            }
            if (options.scenarios().contains("cache")) {
                // no warm-up on either side: a fresh REPL per warm-up proof would cost minutes, and the
                // two sides must start alike
                Workload subset = goedel.first(options.cacheProofs());
                Optional<RunFigures> same = warm == 0 && subset.size() == goedel.size()
                        ? runs.stream().filter(r -> r.name().equals("efficiency-" + most + "t")).findFirst()
                        : Optional.empty();
                if (same.isPresent()) {
                    // the efficiency run at this thread count was this very run: use it, do not repeat it
                    runs.add(same.get().renamed("cache-warm"));
                    say("cache-warm: the same run as efficiency-" + most + "t (no warm-up, same proofs)");
                } else {
                    run(PipelineRun.Spec.single("cache-warm", subset, most, 1, options.partitions(), 0, 0, false,
                            Map.of()));
                }
                run(PipelineRun.Spec.single("cache-fresh", subset, most, 1, options.partitions(), 0, 0, false,
                        Map.of("pool.max.uses", "1")));
            }
            if (options.scenarios().contains("overhead")) {
                // one instance for the maximum rate and then the light-load latency, one warm-up for both
                Workload zero = Workloads.zeroCost(options.zeroCostProofs());
                Workload light = Workloads.zeroCost(options.latencyProofs());
                run(new PipelineRun.Spec("overhead", List.of(
                        new PipelineRun.Phase("overhead-max-rate", zero, 0),
                        new PipelineRun.Phase("latency-repartition", light, options.latencyRate())),
                        most, 1, options.partitions(), warm, false, noRecordings));
                Map<String, String> producerRouted = new HashMap<>(noRecordings);
                producerRouted.put("routing.repartition", "false");
                producerRouted.put("dedup.enabled", "false");
                List<PipelineRun.Phase> phases = new ArrayList<>();
                if (!options.quick()) {
                    phases.add(new PipelineRun.Phase("overhead-max-rate-producer-routed", zero, 0));
                }
                phases.add(new PipelineRun.Phase("latency-producer-routed", light, options.latencyRate()));
                run(new PipelineRun.Spec("producer-routed", phases, most, 1, options.partitions(), warm, true,
                        producerRouted));
            }
            if (options.scenarios().contains("routing")) {
                // no warm-up: its REPLs would take places in the two-REPL pools the routing is measured on
                Workload headers = Workloads.manyHeaders(options.routingProofs(), options.routingHeaders(),
                        options.routingCostMs());
                int partitions = Math.max(options.routingThreads() * 2, options.partitions());
                Map<String, String> routing = new HashMap<>(noRecordings);
                routing.put("pool.max.processes", "2");
                run(PipelineRun.Spec.single("routing-affinity", headers, options.routingThreads(), 1, partitions, 0, 0,
                        false, routing));
                // plain hashing: no repartition by header, so proofs stay on the input partitions, which the
                // load generator chooses by a hash of the proof id (Kafka's default for a keyed record)
                routing.put("routing.repartition", "false");
                routing.put("dedup.enabled", "false");
                run(PipelineRun.Spec.single("routing-hashing", headers, options.routingThreads(), 1, partitions, 0, 0,
                        false, routing));
            }
            if (options.scenarios().contains("rl")) {
                // no warm-up: both sides start alike (cold REPLs, an empty verdict cache)
                for (int pct : options.rlRepeatPercents()) {
                    Workload rl = Workloads.rlShaped(recordings, options.rlProblems(), options.rlSamples(), pct,
                            options.timeScale());
                    run(PipelineRun.Spec.single("rl-" + pct + "-cache", rl, most, 1, options.partitions(), 0, 0,
                            false, Map.of("verdict.cache.enabled", "true")));
                    run(PipelineRun.Spec.single("rl-" + pct + "-nocache", rl, most, 1, options.partitions(), 0, 0,
                            false, Map.of("verdict.cache.enabled", "false")));
                    RunFigures on = runs.get(runs.size() - 2);
                    RunFigures off = runs.get(runs.size() - 1);
                    double ideal = BenchReport.rlIdealMs(rl, on, options.headerLoadMs());
                    say(String.format(Locale.ROOT, "rl %d%% repeats (%d of %d proofs repeat a text): wall %.1f s with"
                                    + " the cache, %.1f s without; ideal of the unique work %.1f s (cache on / ideal"
                                    + " %.2f); verdict cache hits %d (%.1f%% of proofs), Lean seconds saved %.1f",
                            pct, rl.repeats(), rl.size(), on.wallMs() / 1000, off.wallMs() / 1000, ideal / 1000,
                            on.wallMs() / ideal, on.verdictHits(), 100.0 * on.verdictHits() / Math.max(1, on.results()),
                            on.leanSavedMs() / 1000));
                }
            }
            if (options.scenarios().contains("scale")) {
                scale();
            }
            return runs;
        }

        /**
         * Lean slots (one REPL each; up to 32 per stream thread) on proofs that WAIT
         * (lean.sim.wait=true), so that 64 slots fit on two cores and what grows with the slots is the
         * framework's own cost; each size runs cold (a fresh instance), a JIT warm-up, then warm (the
         * same instances again), then stays idle while its CPU is measured.
         */
        private void scale() throws InterruptedException {
            BenchOptions.Scale sc = options.scale();
            commitPolicies(sc);
            Map<String, String> waiting = Map.of("lean.sim.wait", "true", "pool.max.processes", "1",
                    "verdict.cache.enabled", "true");
            int phase = 0;
            for (int slots : sc.slots()) {
                scaleRun("scale-" + slots, slots, 1, phase, waiting);
                phase += 2;
            }
            if (sc.instances() > 0) {
                scaleRun("scale-" + sc.instances() + "x" + sc.slotsPerInstance(), sc.slotsPerInstance(),
                        sc.instances(), phase, waiting);
            }
        }

        /**
         * The commit-policy model on the recorded (unscaled) Goedel times: what waiting for every proof
         * in flight before each commit would cost, beside the in-flight store.
         */
        private void commitPolicies(BenchOptions.Scale sc) {
            List<Double> seconds = recordings.stream().map(Workloads.Recorded::seconds).toList();
            double commitMs = options.commitIntervalMs() == null ? 100 : options.commitIntervalMs();
            for (int slots : sc.slots()) {
                double[] proofs = CommitPolicyModel.draw(seconds, 200 * slots, 7);
                var before = CommitPolicyModel.finishBeforeCommit(proofs, slots, commitMs);
                var store = CommitPolicyModel.inFlightStore(proofs, slots, commitMs);
                say(String.format(Locale.ROOT, "commit policy model, %d slots, %d recorded Goedel proof times (mean"
                                + " %.2f s), commit every %.0f ms: finish-before-commit slot efficiency %.3f, result"
                                + " waits for its commit p50 %.0f ms p99 %.0f ms; in-flight store %.3f, p50 %.0f ms p99"
                                + " %.0f ms", slots, proofs.length,
                        java.util.Arrays.stream(proofs).average().orElse(0) / 1000, commitMs, before.efficiency(),
                        before.delayP50Ms(), before.delayP99Ms(), store.efficiency(), store.delayP50Ms(),
                        store.delayP99Ms()));
            }
        }

        private void scaleRun(String name, int slots, int instances, int phase, Map<String, String> settings)
                throws InterruptedException {
            BenchOptions.Scale sc = options.scale();
            int n = slots * instances * sc.proofsPerSlot();
            // Between cold and warm, proofs of the same header that wait 1 ms: the JIT compiles the hot
            // paths (minutes-old JVMs spent about half their CPU compiling, measured with JFR), so the warm
            // run shows the steady per-proof cost, as the other scenarios' 20,000-proof warm-ups do.
            int jit = options.quick() ? 100 : JIT_WARMUP_PROOFS;
            List<PipelineRun.Phase> phases = List.of(
                    new PipelineRun.Phase(name + "-cold", Workloads.waitingGoedel(recordings, n, sc.meanWaitMs(),
                            phase, 1800 + phase), 0),
                    new PipelineRun.Phase(name + JIT_WARMUP_SUFFIX, Workloads.waitingGoedel(recordings, jit, 1,
                            500 + phase, 2800 + phase), 0),
                    new PipelineRun.Phase(name + "-warm", Workloads.waitingGoedel(recordings, n, sc.meanWaitMs(),
                            phase + 1, 1801 + phase), 0));
            // slots no longer need a partition each: 8 per instance spread the proofs over the stream threads
            run(new PipelineRun.Spec(name, phases, slots, instances, Math.max(8, slots / 8) * instances, 0, false,
                    settings, sc.idleSeconds()));
        }

        private void run(PipelineRun.Spec spec) throws InterruptedException {
            say(String.format(Locale.ROOT, "%s: %s, %d Lean slot(s) x %d instance(s), %d partitions%s...",
                    spec.name(), spec.phases().stream().map(p -> p.name() + " (" + p.workload().description()
                            + (p.ratePerSecond() > 0 ? " at " + p.ratePerSecond() + "/s" : "") + ")").toList(),
                    spec.threads(), spec.instances(), spec.partitions(),
                    spec.warmupProofs() > 0 ? ", after " + spec.warmupProofs() + " warm-up proofs" : ""));
            for (RunFigures f : runner.run(spec)) {
                if (f.name().endsWith(JIT_WARMUP_SUFFIX)) {
                    say(String.format(Locale.ROOT, "%s: %d/%d results in %.1f s (JIT warm-up, not reported)",
                            f.name(), f.results(), f.proofs(), f.wallMs() / 1000));
                    continue;
                }
                runs.add(f);
                report(f);
            }
        }

        private void report(RunFigures f) {
            say(String.format(Locale.ROOT, "%s: %d/%d results in %.1f s (%.0f proofs/s), cache hits %.1f%%,"
                            + " end-to-end p50 %.0f ms (to verify %.0f, after %.0f), framework CPU %.3f ms/proof,"
                            + " between proofs mean %.1f ms; cores used: REPLs %.2f, verifier %.2f, broker %.2f, clients %.2f%s",
                    f.name(), f.results(), f.proofs(), f.wallMs() / 1000, f.proofsPerSecond(), 100 * f.hitRatio(),
                    f.endToEnd().p50(), f.toVerify().p50(), f.afterVerify().p50(), f.frameworkCpuMsPerProof(), f.betweenProofs().mean(),
                    f.cpu().replMs() / f.wallMs(), f.cpu().verifierMs() / f.wallMs(), f.cpu().brokerMs() / f.wallMs(),
                    f.cpu().clientsMs() / f.wallMs(), f.complete() ? "" : " -- INCOMPLETE"));
            if (f.name().startsWith("scale-")) {
                say(String.format(Locale.ROOT, "%s (SIMULATED REPL, waiting proofs): achieved/ideal %.3f (placement"
                                + " of proofs on slots allows at most %.3f), framework CPU %.2f ms/proof%s", f.name(),
                        f.idealMs(options.headerLoadMs()) / f.wallMs(), f.placementBound(),
                        f.frameworkCpuMsPerProof(), f.idle() == null ? "" : String.format(Locale.ROOT,
                                "; idle for %.0f s: verifier %.1f%% of a core per instance, REPLs %.1f%%",
                                f.idle().seconds(), 100 * f.idle().verifierCoresPerInstance(),
                                100 * f.idle().replCores())));
            }
        }
    }
}
