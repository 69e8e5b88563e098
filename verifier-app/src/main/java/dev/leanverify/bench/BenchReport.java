package dev.leanverify.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The benchmark's figures: every run, the ratios the targets are stated in, and whether each
 * target was met; as JSON, as Markdown, and as charts. Every output names what produced it
 * (simulated Lean, the cost model, the machine).
 */
public final class BenchReport {
    /** Kafka Streams' commit.interval.ms under exactly-once when none is set. */
    static final int DEFAULT_COMMIT_INTERVAL_MS = 100;

    private final BenchOptions options;
    private final Instant started;
    private final double seconds;
    private final int goedelProofs;
    private final List<RunFigures> runs;
    private final DriverBench.Figures driver;

    /** One target of the benchmark issue, and what this run measured for it. */
    public record Target(String name, String goal, String measured, Boolean met) {
    }

    /** @param driver the REPL driver's figures, or null when that scenario did not run */
    BenchReport(BenchOptions options, Instant started, double seconds, int goedelProofs, DriverBench.Figures driver,
                List<RunFigures> runs) {
        this.driver = driver;
        this.options = Objects.requireNonNull(options, "options");
        this.started = Objects.requireNonNull(started, "started");
        this.seconds = seconds;
        this.goedelProofs = goedelProofs;
        this.runs = List.copyOf(runs);
    }

    Optional<RunFigures> run(String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    Optional<DriverBench.Figures> driver() {
        return Optional.ofNullable(driver);
    }

    List<RunFigures> runs() {
        return runs;
    }

    BenchOptions options() {
        return options;
    }

    /** True when every run got exactly one result per proof. */
    public boolean complete() {
        return runs.stream().allMatch(RunFigures::complete);
    }

    int commitIntervalMs() {
        return options.commitIntervalMs() == null ? DEFAULT_COMMIT_INTERVAL_MS : options.commitIntervalMs();
    }

    double efficiency(RunFigures r) {
        return r.wallMs() <= 0 ? 0 : r.idealMs(options.headerLoadMs()) / r.wallMs();
    }

    /**
     * Achieved vs ideal when the ideal may use only the cores the benchmark's own helpers (the
     * broker, the load generator and the result reader, which production runs elsewhere) left
     * free: {@code work / min(threads, cores - helper cores)}. The verifier's own CPU still counts
     * against it.
     */
    double efficiencyWithoutHelpers(RunFigures r) {
        if (r.wallMs() <= 0) {
            return 0;
        }
        double helperCores = (r.cpu().brokerMs() + r.cpu().clientsMs()) / r.wallMs();
        double lanes = Math.min(r.threads() * (double) r.instances(), Machine.cores() - helperCores);
        double ideal = (r.workMs() + r.coldStarts() * (double) options.headerLoadMs()) / lanes;
        return ideal / r.wallMs();
    }

    /**
     * The ideal wall time of an RL run: only the distinct texts' work (a repeat should cost no
     * Lean time), plus the header loads the run needed, spread over every stream thread.
     */
    static double rlIdealMs(Workload workload, RunFigures run, long headerLoadMs) {
        return (workload.uniqueWorkMs() + run.coldStarts() * (double) headerLoadMs)
                / (run.threads() * (double) run.instances());
    }

    /** The RL runs' ideal, from the figures alone: unique work = total work × (1 − repeats/proofs) (equal costs per group). */
    private double rlIdealMs(RunFigures on, int repeats) {
        double uniqueWork = on.workMs() * (on.proofs() - repeats) / (double) on.proofs();
        return (uniqueWork + on.coldStarts() * (double) options.headerLoadMs()) / (on.threads() * (double) on.instances());
    }

    /** Repeats in an RL run's workload, as the workload generator makes them. */
    private int rlRepeats(int percent) {
        return options.rlProblems() * Math.min(options.rlSamples() - 1,
                (int) Math.round(percent / 100.0 * options.rlSamples()));
    }

    /** What produced the figures, for every table and chart. */
    String label() {
        return String.format(Locale.ROOT, "SIMULATED Lean (test double burning real CPU%s), time scale %s, header load"
                        + " %d ms, %d cores, %s", scaleRuns().isEmpty() ? ""
                        : "; scale runs: proofs WAIT instead, lean.sim.wait=true", options.timeScale(),
                options.headerLoadMs(), Machine.cores(),
                options.quick() ? "QUICK smoke run (small, JIT not warmed: not a measurement)" : "full run");
    }

    /** Kimina Lean Server's published scaling: 1000 Goedel proofs at 0.83 it/s on 8 CPUs, 4.33 it/s on 60. */
    static final double KIMINA_8_CPU_RATE = 0.83;
    static final double KIMINA_60_CPU_RATE = 4.33;

    /** Kimina's throughput per CPU at 60 CPUs relative to its own at 8 CPUs (about 0.70). */
    static double kiminaEfficiencyAt60() {
        return (KIMINA_60_CPU_RATE / 60) / (KIMINA_8_CPU_RATE / 8);
    }

    /** The scale scenario's runs (cold and warm of each size), in order. */
    List<RunFigures> scaleRuns() {
        return runs.stream().filter(r -> r.name().startsWith("scale-")).toList();
    }

    /** The idle CPU measured after a scale size's runs (it is attached to the warm run). */
    static Optional<RunFigures.Idle> idleOf(List<RunFigures> runs, String size) {
        return runs.stream().filter(r -> r.name().equals(size + "-warm") && r.idle() != null).map(RunFigures::idle)
                .findFirst();
    }

    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        for (RunFigures r : runs) {
            if (!r.complete()) {
                t.add(new Target("every proof of run " + r.name() + " got exactly one result", "all",
                        fmt("%d of %d, %d duplicate(s)", r.results(), r.proofs(), r.duplicates()), false));
            }
        }
        driver().ifPresent(d -> t.add(new Target("REPL driver round trip p50 (zero-cost simulated REPL)", "< 1 ms",
                fmt("%.3f ms (p99 %.3f ms)", d.send().p50(), d.send().p99()), d.send().p50() < 1.0)));
        run("efficiency-2t").ifPresent(r -> t.add(new Target("efficiency at 2 Lean slots", ">= 0.90",
                fmt("%.3f", efficiency(r)), efficiency(r) >= 0.90)));
        run("overhead-max-rate").ifPresent(r -> {
            t.add(new Target("framework CPU per proof", "<= 1 ms", fmt("%.3f ms", r.frameworkCpuMsPerProof()),
                    r.frameworkCpuMsPerProof() <= 1.0));
            t.add(new Target("zero-cost proofs per second, one instance", ">= 2000",
                    fmt("%.0f", r.proofsPerSecond()), r.proofsPerSecond() >= 2000));
        });
        double latencyGoal = commitIntervalMs() + 20;
        for (String name : List.of("latency-repartition", "latency-producer-routed")) {
            run(name).ifPresent(r -> t.add(new Target("end-to-end beyond Lean, p50 (" + name + ")",
                    fmt("<= %.0f ms (commit interval %d + 20)", latencyGoal, commitIntervalMs()),
                    fmt("%.1f ms", r.beyondLean().p50()), r.complete() && r.beyondLean().p50() <= latencyGoal)));
        }
        for (int pct : options.rlRepeatPercents()) {
            Optional<RunFigures> on = run("rl-" + pct + "-cache");
            if (on.isPresent()) {
                double ideal = rlIdealMs(on.get(), rlRepeats(pct));
                t.add(new Target("RL " + pct + "% repeats: wall time with the verdict cache vs the ideal of the unique"
                        + " work", "<= 1.10", fmt("%.2f (%.1f s vs %.1f s)", on.get().wallMs() / ideal,
                        on.get().wallMs() / 1000, ideal / 1000), on.get().wallMs() <= 1.10 * ideal));
            }
        }
        int most = options.scale().slots().stream().mapToInt(Integer::intValue).max().orElse(0);
        run("scale-" + most + "-warm").ifPresent(r -> {
            t.add(new Target("scale: achieved/ideal at " + most + " slots, one instance, warm (issue 18)", ">= 0.95",
                    fmt("%.3f (placement allows %.3f)", efficiency(r), r.placementBound()), efficiency(r) >= 0.95));
            t.add(new Target("scale: framework CPU per proof at " + most + " slots, warm (issue 18)", "<= 2 ms",
                    fmt("%.2f ms", r.frameworkCpuMsPerProof()), r.frameworkCpuMsPerProof() <= 2.0));
            if (r.idle() != null) {
                t.add(new Target("scale: idle CPU at " + most + " slots (issue 18)", "<= 3% of a core",
                        fmt("%.1f%%", 100 * r.idle().verifierCoresPerInstance()),
                        r.idle().verifierCoresPerInstance() <= 0.03));
            }
        });
        BenchOptions.Scale sc = options.scale();
        run("scale-" + sc.instances() + "x" + sc.slotsPerInstance() + "-warm").ifPresent(r -> t.add(new Target(
                "scale: achieved/ideal, " + sc.instances() + " instances x " + sc.slotsPerInstance()
                        + " slots, warm (issue 18)", ">= 0.93",
                fmt("%.3f (placement allows %.3f)", efficiency(r), r.placementBound()), efficiency(r) >= 0.93)));
        Optional<RunFigures> affinity = run("routing-affinity");
        Optional<RunFigures> hashing = run("routing-hashing");
        if (affinity.isPresent() && hashing.isPresent()) {
            double a = affinity.get().hitRatio();
            double h = hashing.get().hitRatio();
            t.add(new Target("header-cache hit ratio, affinity vs hashing", ">= 0.90, hashing clearly lower",
                    fmt("%.3f vs %.3f", a, h), a >= 0.90 && h < a - 0.2));
        }
        return t;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("producedBy", command());
        o.put("simulatedLean", true);
        o.put("label", label());
        o.put("startedAt", started.toString());
        o.put("durationSeconds", Latencies.round(seconds));
        o.put("complete", complete());
        o.set("machine", Machine.toJson());
        ObjectNode cost = o.putObject("costModel");
        cost.put("timeScale", options.timeScale());
        cost.put("headerLoadMs", options.headerLoadMs());
        cost.put("goedelProofsCycled", goedelProofs);
        cost.put("commitIntervalMs", commitIntervalMs());
        driver().ifPresent(d -> o.set("driver", d.toJson()));
        ArrayNode eff = o.putArray("efficiency");
        for (RunFigures r : runs) {
            if (r.name().startsWith("efficiency-") || r.name().startsWith("instances-")) {
                ObjectNode e = eff.addObject();
                e.put("run", r.name());
                e.put("streamThreads", r.threads());
                e.put("instances", r.instances());
                e.put("idealMs", Latencies.round(r.idealMs(options.headerLoadMs())));
                e.put("wallMs", Latencies.round(r.wallMs()));
                e.put("achievedOverIdeal", Latencies.round(efficiency(r), 3));
                e.put("achievedOverIdealWithoutHelpers", Latencies.round(efficiencyWithoutHelpers(r), 3));
                e.set("cpu", r.cpu().toJson(r.wallMs()));
                e.put("proofsPerSecond", Latencies.round(r.proofsPerSecond()));
            }
        }
        Optional<RunFigures> warm = run("cache-warm");
        Optional<RunFigures> fresh = run("cache-fresh");
        if (warm.isPresent() && fresh.isPresent()) {
            ObjectNode c = o.putObject("headerCache");
            c.put("proofs", warm.get().proofs());
            c.put("warmWallMs", Latencies.round(warm.get().wallMs()));
            c.put("freshWallMs", Latencies.round(fresh.get().wallMs()));
            c.put("freshOverWarm", Latencies.round(fresh.get().wallMs() / warm.get().wallMs(), 2));
        }
        run("overhead-max-rate").ifPresent(r -> {
            ObjectNode ov = o.putObject("overhead");
            ov.put("maxProofsPerSecond", Latencies.round(r.proofsPerSecond()));
            ov.put("frameworkCpuMsPerProof", Latencies.round(r.frameworkCpuMsPerProof(), 3));
            ArrayNode lat = ov.putArray("latency");
            for (String name : List.of("latency-repartition", "latency-producer-routed")) {
                run(name).ifPresent(l -> {
                    ObjectNode x = lat.addObject();
                    x.put("run", name);
                    x.put("ratePerSecond", options.latencyRate());
                    x.set("endToEndMs", l.endToEnd().toJson());
                    x.set("beyondLeanMs", l.beyondLean().toJson());
                });
            }
        });
        ArrayNode rl = o.putArray("rl");
        for (int pct : options.rlRepeatPercents()) {
            Optional<RunFigures> on = run("rl-" + pct + "-cache");
            Optional<RunFigures> off = run("rl-" + pct + "-nocache");
            if (on.isPresent() && off.isPresent()) {
                ObjectNode x = rl.addObject();
                int repeats = rlRepeats(pct);
                x.put("repeatPercent", pct);
                x.put("proofs", on.get().proofs());
                x.put("repeats", repeats);
                x.put("idealUniqueMs", Latencies.round(rlIdealMs(on.get(), repeats)));
                x.put("wallMsCacheOn", Latencies.round(on.get().wallMs()));
                x.put("wallMsCacheOff", Latencies.round(off.get().wallMs()));
                x.put("cacheOnOverIdeal", Latencies.round(on.get().wallMs() / rlIdealMs(on.get(), repeats), 3));
                x.put("verdictCacheHits", on.get().verdictHits());
                x.put("hitRatio", Latencies.round(on.get().verdictHits() / (double) Math.max(1, on.get().results()), 3));
                x.put("repeatShare", Latencies.round(repeats / (double) on.get().proofs(), 3));
                x.put("leanSecondsSaved", Latencies.round(on.get().leanSavedMs() / 1000, 3));
            }
        }
        ArrayNode routing = o.putArray("routing");
        for (String name : List.of("routing-affinity", "routing-hashing")) {
            run(name).ifPresent(r -> {
                ObjectNode x = routing.addObject();
                x.put("run", name);
                x.put("headers", options.routingHeaders());
                x.put("streamThreads", r.threads());
                x.put("headerCacheHitRatio", Latencies.round(r.hitRatio(), 3));
                x.put("coldStarts", r.coldStarts());
                x.put("wallMs", Latencies.round(r.wallMs()));
                x.put("threadBusyMean", Latencies.round(r.meanBusy(), 3));
                x.put("threadBusyMin", Latencies.round(r.minBusy(), 3));
                x.put("threadBusyMax", Latencies.round(r.maxBusy(), 3));
            });
        }
        List<RunFigures> scale = scaleRuns();
        if (!scale.isEmpty()) {
            ObjectNode sc = o.putObject("scale");
            sc.put("simulatedRepl", "SIMULATED Lean: proofs WAIT (lean.sim.wait=true) for Goedel recorded times scaled"
                    + " to the mean wait; no real Lean ran");
            sc.put("meanWaitMs", options.scale().meanWaitMs());
            sc.put("proofsPerSlot", options.scale().proofsPerSlot());
            ObjectNode kimina = sc.putObject("kimina");
            kimina.put("source", "Kimina Lean Server, published: 1000 Goedel proofs, 0.83 it/s on 8 CPUs,"
                    + " 4.33 it/s on 60 CPUs");
            kimina.put("efficiencyAt8", 1.0);
            kimina.put("efficiencyAt60", Latencies.round(kiminaEfficiencyAt60(), 3));
            ArrayNode rows = sc.putArray("runs");
            for (RunFigures r : scale) {
                ObjectNode x = rows.addObject();
                x.put("run", r.name());
                x.put("slots", r.threads() * r.instances());
                x.put("instances", r.instances());
                x.put("slotsPerInstance", r.threads());
                x.put("phase", r.name().endsWith("-cold") ? "cold" : "warm");
                x.put("proofs", r.proofs());
                x.put("meanWaitMs", Latencies.round(r.workMs() / r.proofs()));
                x.put("idealMs", Latencies.round(r.idealMs(options.headerLoadMs())));
                x.put("wallMs", Latencies.round(r.wallMs()));
                x.put("proofsPerSecond", Latencies.round(r.proofsPerSecond()));
                x.put("idealProofsPerSecond", Latencies.round(r.proofs() * 1000.0 / r.idealMs(options.headerLoadMs())));
                x.put("achievedOverIdeal", Latencies.round(efficiency(r), 3));
                x.put("placementBound", Latencies.round(r.placementBound(), 3));
                x.put("frameworkCpuMsPerProof", Latencies.round(r.frameworkCpuMsPerProof(), 3));
                x.put("headerCacheHitRatio", Latencies.round(r.hitRatio(), 3));
                x.set("cpu", r.cpu().toJson(r.wallMs()));
                if (r.idle() != null) {
                    x.set("idle", r.idle().toJson());
                }
            }
        }
        ArrayNode targets = o.putArray("targets");
        for (Target t : targets()) {
            ObjectNode x = targets.addObject();
            x.put("name", t.name());
            x.put("goal", t.goal());
            x.put("measured", t.measured());
            x.put("met", t.met());
        }
        ArrayNode all = o.putArray("runs");
        runs.forEach(r -> all.add(r.toJson()));
        return o;
    }

    public String toMarkdown() {
        return new MarkdownReport(this).render();
    }

    /** Writes report.json, report.md and the charts into {@code dir}; returns the files written. */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve("report.json");
        Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(toJson()) + "\n", StandardCharsets.UTF_8);
        written.add(json);
        Path md = dir.resolve("report.md");
        Files.writeString(md, toMarkdown(), StandardCharsets.UTF_8);
        written.add(md);
        written.addAll(new BenchCharts(this).writeTo(dir));
        return written;
    }

    String command() {
        StringBuilder s = new StringBuilder("ops/leanverify bench");
        if (options.quick()) {
            s.append(" --quick");
        }
        BenchOptions preset = options.quick() ? BenchOptions.quick(options.outDir()) : BenchOptions.full(options.outDir());
        if (options.proofs() != preset.proofs()) {
            s.append(" --proofs ").append(options.proofs());
        }
        if (options.timeScale() != preset.timeScale()) {
            s.append(" --time-scale ").append(options.timeScale());
        }
        if (options.headerLoadMs() != preset.headerLoadMs()) {
            s.append(" --header-load-ms ").append(options.headerLoadMs());
        }
        if (!options.scenarios().equals(preset.scenarios())) {
            s.append(" --scenarios ").append(String.join(",", new java.util.TreeSet<>(options.scenarios())));
        }
        if (options.commitIntervalMs() != null) {
            s.append(" --commit-interval-ms ").append(options.commitIntervalMs());
        }
        BenchOptions.Scale sc = options.scale();
        BenchOptions.Scale scPreset = preset.scale();
        if (options.scenarios().contains("scale")) {
            if (!sc.slots().equals(scPreset.slots())) {
                s.append(" --scale-slots ").append(String.join(",", sc.slots().stream().map(String::valueOf).toList()));
            }
            if (sc.instances() != scPreset.instances() || sc.slotsPerInstance() != scPreset.slotsPerInstance()) {
                s.append(" --scale-instances ").append(sc.instances()).append('x').append(sc.slotsPerInstance());
            }
            if (sc.proofsPerSlot() != scPreset.proofsPerSlot()) {
                s.append(" --scale-proofs-per-slot ").append(sc.proofsPerSlot());
            }
            if (sc.meanWaitMs() != scPreset.meanWaitMs()) {
                s.append(" --scale-mean-wait-ms ").append(sc.meanWaitMs());
            }
            if (sc.idleSeconds() != scPreset.idleSeconds()) {
                s.append(" --scale-idle-seconds ").append(sc.idleSeconds());
            }
        }
        new java.util.TreeMap<>(options.settings()).forEach((k, v) -> s.append(" --set ").append(k).append('=').append(v));
        return s.toString();
    }

    double seconds() {
        return seconds;
    }

    Instant started() {
        return started;
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
