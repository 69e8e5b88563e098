package dev.leanverify.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One measured run through the real pipeline: fresh topics on the shared broker, verifier
 * instance(s) as their own processes, the workload produced, every result awaited with a
 * read_committed consumer, the instances stopped with SIGTERM.
 */
final class PipelineRun {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> APP_JVM_OPTIONS = List.of("-Xmx1g");
    /**
     * A quick run's instances live seconds: C1 only, so that they start and settle fast (their
     * figures are a smoke test, not a measurement of a long-running JVM).
     */
    private static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Lean slots one stream thread of a benchmark instance owns at most. */
    static final int SLOTS_PER_STREAM_THREAD = 32;
    /** An idle instance uses less than this share of a core (its stream threads poll, nothing else runs). */
    private static final double QUIET_CORES = 0.05;
    private static final Duration QUIET_SAMPLE = Duration.ofSeconds(1);
    private static final Duration QUIET_WAIT_MAX = Duration.ofMinutes(1);
    /** Pause between a run's last result and the idle measurement. */
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(2);
    /** Extra JVM options for the instances under benchmark, e.g. a profiler agent. */
    static final String APP_JAVA_OPTS_ENV = "LEANVERIFY_BENCH_APP_JAVA_OPTS";

    /**
     * One measurement on a running instance: a workload, sent as fast as possible or at a rate.
     *
     * @param ratePerSecond 0 to produce as fast as possible
     */
    record Phase(String name, Workload workload, double ratePerSecond) {
        Phase {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(workload, "workload");
        }
    }

    /**
     * What to run: verifier instance(s) with these settings, a warm-up, then the phases in order.
     *
     * @param warmupProofs    the first phase's proofs at zero cost, sent and awaited before the
     *                        measurements, so that the instance's JIT compiler has settled
     * @param producerRouting produce with the header-affinity partitioner (for routing.repartition=false)
     * @param settings        verifier settings on top of the benchmark's base settings
     * @param idleSeconds     after the last phase, how long to measure the instances' CPU with no proof (0: not)
     */
    record Spec(String name, List<Phase> phases, int threads, int instances, int partitions, int warmupProofs,
                boolean producerRouting, Map<String, String> settings, int idleSeconds) {
        Spec(String name, List<Phase> phases, int threads, int instances, int partitions, int warmupProofs,
             boolean producerRouting, Map<String, String> settings) {
            this(name, phases, threads, instances, partitions, warmupProofs, producerRouting, settings, 0);
        }

        Spec {
            Objects.requireNonNull(name, "name");
            if (idleSeconds < 0) {
                throw new IllegalArgumentException("run " + name + ": idle seconds must not be negative");
            }
            phases = List.copyOf(phases);
            settings = Map.copyOf(settings);
            if (phases.isEmpty()) {
                throw new IllegalArgumentException("run " + name + " has no phase");
            }
            if (threads < 1 || instances < 1 || partitions < streamThreads(threads) * instances) {
                throw new IllegalArgumentException("run " + name + ": need Lean slots, instances >= 1 and"
                        + " partitions >= stream threads x instances, got " + threads + " slot(s) on "
                        + streamThreads(threads) + " stream thread(s), " + instances + ", " + partitions);
            }
        }

        /** The stream threads an instance with this many Lean slots runs. */
        static int streamThreads(int slots) {
            return (slots + SLOTS_PER_STREAM_THREAD - 1) / SLOTS_PER_STREAM_THREAD;
        }

        /** A run of one phase, named like the run. */
        static Spec single(String name, Workload workload, int threads, int instances, int partitions,
                           int warmupProofs, double ratePerSecond, boolean producerRouting,
                           Map<String, String> settings) {
            return new Spec(name, List.of(new Phase(name, workload, ratePerSecond)), threads, instances, partitions,
                    warmupProofs, producerRouting, settings);
        }
    }

    private final ChildJvm broker;
    private final String bootstrapServers;
    private final Path dir;
    private final Map<String, String> base;
    private final boolean quick;

    /**
     * @param broker the broker's process (its CPU time is reported beside the verifier's)
     * @param base   settings every run's instances get (simulator cost model, recordings...)
     * @param dir    where each run keeps its configuration and logs ({@code dir/NAME/})
     * @param quick  start instances for a smoke run (see {@link #QUICK_JVM_OPTIONS})
     */
    PipelineRun(ChildJvm broker, String bootstrapServers, Path dir, Map<String, String> base, boolean quick) {
        this.quick = quick;
        this.broker = Objects.requireNonNull(broker, "broker");
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.base = Map.copyOf(base);
    }

    /** Runs the spec; returns the figures of each phase, in order. */
    List<RunFigures> run(Spec spec) throws InterruptedException {
        String tag = spec.name() + "-" + UUID.randomUUID().toString().substring(0, 6);
        Path runDir = dir.resolve(spec.name());
        Map<String, String> settings = new HashMap<>(base);
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("application.id", "bench-" + tag);
        // spec.threads() is the Lean slots of an instance: spread over as few stream threads as the app's
        // default would use (one per 32 slots)
        int streamThreads = Spec.streamThreads(spec.threads());
        settings.put("num.stream.threads", Integer.toString(streamThreads));
        settings.put("pool.slots.per.thread", Integer.toString((spec.threads() + streamThreads - 1) / streamThreads));
        settings.put("topics.proofs", "bench." + tag + ".proofs");
        settings.put("topics.results", "bench." + tag + ".results");
        settings.put("topics.tactics", "bench." + tag + ".tactics");
        settings.put("topics.dlq", "bench." + tag + ".dlq");
        settings.put("topics.partitions", Integer.toString(spec.partitions()));
        settings.put("topics.replication.factor", "1");
        settings.put("lean.simulate", "true");
        settings.put("metrics.port", "0");
        settings.put("metrics.bind.address", "127.0.0.1");
        settings.put("metrics.log.interval.seconds", "3600");
        // a busy machine (many instances, other jobs) can keep the broker from answering the start-up
        // check within its 10 s default; the instance's start is bounded by START_TIMEOUT anyway
        settings.put("connect.check.timeout.ms", Long.toString(START_TIMEOUT.toMillis()));
        settings.putAll(spec.settings());
        List<ChildJvm> instances = new ArrayList<>();
        try {
            for (int i = 0; i < spec.instances(); i++) {
                Map<String, String> own = new HashMap<>(settings);
                own.put("instance.id", tag + "-" + i);
                own.put("state.dir", runDir.resolve("state-" + i).toString());
                instances.add(ChildJvm.verifier("app-" + i, runDir, own, jvmOptions(), broker.mainClass()));
            }
            for (ChildJvm instance : instances) {
                instance.awaitReady(START_TIMEOUT);
            }
            LoadGenerator load = new LoadGenerator(bootstrapServers, settings.get("topics.proofs"),
                    spec.producerRouting());
            try (ResultTimer timer = new ResultTimer(bootstrapServers, settings.get("topics.results"))) {
                timer.start(Duration.ofSeconds(60));
                if (spec.warmupProofs() > 0) {
                    String warmup = tag + "-warmup";
                    load.send(Workloads.warmup(spec.warmupProofs(), spec.phases().get(0).workload()), warmup, 0);
                    if (!timer.await(warmup, spec.warmupProofs(), Duration.ofMinutes(10))) {
                        throw new IllegalStateException("run " + spec.name() + ": the warm-up did not finish within"
                                + " 10 minutes; see the logs in " + runDir);
                    }
                    awaitQuiet(instances);
                }
                List<RunFigures> figures = new ArrayList<>();
                for (int i = 0; i < spec.phases().size(); i++) {
                    figures.add(measure(spec, spec.phases().get(i), tag + "-" + i, load, timer, instances, runDir));
                }
                if (spec.idleSeconds() > 0) {
                    int last = figures.size() - 1;
                    figures.set(last, figures.get(last).withIdle(measureIdle(instances, spec.idleSeconds())));
                }
                return figures;
            }
        } finally {
            for (ChildJvm instance : instances) {
                if (!instance.stop()) {
                    System.err.println("bench: verifier instance of run " + spec.name()
                            + " did not stop cleanly; see " + instance.log());
                }
            }
        }
    }

    private RunFigures measure(Spec spec, Phase phase, String runId, LoadGenerator load, ResultTimer timer,
                               List<ChildJvm> instances, Path runDir) throws InterruptedException {
        Map<String, Long> sentAt;
        boolean complete;
        RunFigures.CpuUse used;
        Duration timeout = timeout(phase, spec.threads() * spec.instances());
        try (CpuMeter cpu = new CpuMeter(instances, broker)) {
            sentAt = load.send(phase.workload(), runId, phase.ratePerSecond());
            complete = timer.await(runId, phase.workload().size(), timeout);
            used = cpu.used();
        }
        List<dev.leanverify.schema.VerificationResult> results = timer.results(runId);
        if (!complete) {
            System.err.printf("bench: run %s is INCOMPLETE: %d of %d results within %d s (logs in %s)%n",
                    phase.name(), results.size(), phase.workload().size(), timeout.toSeconds(), runDir);
        }
        for (String record : timer.unreadable()) {
            System.err.println("bench: a record on the results topic is not a result: " + record);
        }
        return RunFigures.of(phase.name(), phase.workload(), spec.threads(), spec.instances(), spec.partitions(),
                spec.settings(), results, timer.duplicates(), sentAt, timer.seenAtNanos(), used);
    }

    /**
     * The instances' CPU (and their REPLs') over {@code seconds} with nothing to verify, after a
     * short settling pause (the last transaction's commit, the JIT finishing its queue).
     */
    private RunFigures.Idle measureIdle(List<ChildJvm> instances, int seconds) throws InterruptedException {
        Thread.sleep(IDLE_SETTLE.toMillis());
        long start = System.nanoTime();
        RunFigures.CpuUse used;
        try (CpuMeter cpu = new CpuMeter(instances, broker)) {
            Thread.sleep(seconds * 1000L);
            used = cpu.used();
        }
        double ms = (System.nanoTime() - start) / 1e6;
        return new RunFigures.Idle(ms / 1000, used.verifierMs() / ms, used.replMs() / ms, instances.size());
    }

    /**
     * After a warm-up, waits (at most a minute) until the instances are idle: the JIT compiler
     * works through its queue for a while after the load stops, and would otherwise take CPU from
     * the measured proofs.
     */
    private static void awaitQuiet(List<ChildJvm> instances) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_WAIT_MAX.toNanos();
        double before = ChildJvm.cpuMs(instances);
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_SAMPLE.toMillis());
            double now = ChildJvm.cpuMs(instances);
            if ((now - before) / QUIET_SAMPLE.toMillis() < QUIET_CORES * instances.size()) {
                return;
            }
            before = now;
        }
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(APP_JVM_OPTIONS);
        if (quick) {
            options.addAll(QUICK_JVM_OPTIONS);
        }
        String extra = System.getenv(APP_JAVA_OPTS_ENV);
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }


    /**
     * Generous: three times the work per usable core, a second per proof per usable core (cold
     * REPL starts), plus two minutes.
     */
    private static Duration timeout(Phase phase, int threads) {
        int lanes = Math.max(1, Math.min(threads, Machine.cores()));
        double workMs = phase.workload().totalWorkMs() * 3 / lanes;
        double produceMs = phase.ratePerSecond() > 0 ? phase.workload().size() * 1000.0 / phase.ratePerSecond() : 0;
        return Duration.ofMillis((long) (workMs + produceMs + phase.workload().size() * 1000.0 / lanes + 120_000));
    }
}
