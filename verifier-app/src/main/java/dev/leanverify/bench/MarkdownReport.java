package dev.leanverify.bench;

import static dev.leanverify.bench.BenchReport.fmt;

import java.util.List;
import java.util.Optional;

/** The benchmark report as Markdown tables, one per scenario, headed by the targets. */
final class MarkdownReport {
    private final BenchReport report;
    private final StringBuilder s = new StringBuilder();

    MarkdownReport(BenchReport report) {
        this.report = report;
    }

    String render() {
        BenchOptions o = report.options();
        line("# leanverify benchmark");
        line("");
        line(fmt("Produced by `%s` on %s (%.0f s), %d cores (%s). **Lean was SIMULATED**: the simulated REPL (a test"
                        + " double) burned real CPU for each proof's recorded Goedel-workbook time x %s, and %d ms per"
                        + " header load; the Kafka broker, topics, exactly-once transactions and REPL processes were real."
                        + " Kafka Streams commit interval: %d ms.", report.command(), report.started(), report.seconds(),
                Machine.cores(), Machine.cpu(), o.timeScale(), o.headerLoadMs(), report.commitIntervalMs()));
        if (!report.complete()) {
            line("");
            line("**WARNING: some runs did not get exactly one result per proof; see the runs table.**");
        }
        targets();
        driver();
        efficiency();
        cache();
        overhead();
        routing();
        scale();
        runs();
        return s.toString();
    }

    private void targets() {
        section("Targets");
        line("| target | goal | measured | met |");
        line("|---|---|---|---|");
        for (BenchReport.Target t : report.targets()) {
            line(fmt("| %s | %s | %s | %s |", t.name(), t.goal(), t.measured(), t.met() ? "yes" : "**no**"));
        }
    }

    private void driver() {
        report.driver().ifPresent(d -> {
            section("0. The REPL driver alone (no Kafka)");
            line(fmt("%d trivial commands to one warm, zero-cost simulated REPL process, after as many to warm up.",
                    d.requests()));
            line("");
            line("| measured around | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
            line("|---|---|---|---|---|");
            line(fmt("| `ReplProcess.send` (framing, pipes, the REPL process, parsing) | %.3f | %.3f | %.3f | %.3f |",
                    d.send().p50(), d.send().p90(), d.send().p99(), d.send().max()));
            line(fmt("| `ProofVerifier.verify` (+ header split, pool, position shifting) | %.3f | %.3f | %.3f | %.3f |",
                    d.verify().p50(), d.verify().p90(), d.verify().p99(), d.verify().max()));
            if (d.strict() != null) {
                StrictBench.Figures st = d.strict();
                line("");
                line(fmt("Strict verification, %d proofs over %d problems (attempts at the same reference statement),"
                        + " `ProofVerifier.verify`:", st.proofs(), StrictBench.PROBLEMS));
                line("");
                line("| mode | extra REPL requests per proof | p50 (ms) | p90 (ms) | p99 (ms) |");
                line("|---|---|---|---|---|");
                for (var row : java.util.List.of(java.util.Map.entry("not strict", st.plain()),
                        java.util.Map.entry("strict, reference cached", st.cached()),
                        java.util.Map.entry("strict, reference cache off", st.uncached()))) {
                    StrictBench.Mode m = row.getValue();
                    line(fmt("| %s | %.2f | %.3f | %.3f | %.3f |", row.getKey(), m.extraRequestsPerProof(),
                            m.verify().p50(), m.verify().p90(), m.verify().p99()));
                }
            }
        });
    }

    private void efficiency() {
        List<RunFigures> rows = report.runs().stream()
                .filter(r -> r.name().startsWith("efficiency-") || r.name().startsWith("instances-")).toList();
        if (rows.isEmpty()) {
            return;
        }
        section("1. Efficiency: achieved vs ideal wall time");
        line("Ideal = (sum of the proofs' Lean work + header loads) / Lean slots: one header load per slot"
                + " for a run that starts cold, none after a warm-up (zero-cost proofs of the same header) that loaded it.");
        line("");
        line("| run | Lean slots x instances | proofs | work (s) | ideal (s) | wall (s) | achieved/ideal |"
                + " without helpers' CPU | proofs/s | thread busy (mean) | cores used: REPLs / verifier / broker /"
                + " load+reader |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (RunFigures r : rows) {
            line(fmt("| %s | %d x %d | %d | %.1f | %.2f | %.2f | **%.3f** | %.3f | %.1f | %.3f | %.2f / %.2f / %.2f /"
                            + " %.2f |",
                    r.name(), r.threads(), r.instances(), r.proofs(), r.workMs() / 1000,
                    r.idealMs(report.options().headerLoadMs()) / 1000, r.wallMs() / 1000, report.efficiency(r),
                    report.efficiencyWithoutHelpers(r), r.proofsPerSecond(), r.meanBusy(), r.cpu().replMs() / r.wallMs(), r.cpu().verifierMs() / r.wallMs(),
                    r.cpu().brokerMs() / r.wallMs(), r.cpu().clientsMs() / r.wallMs()));
        }
        line("");
        line(fmt("The machine has %d cores; everything above shares them. \"Without helpers' CPU\" lets the ideal use"
                + " only the cores the broker, the load generator and the result reader (which production runs"
                + " elsewhere) left free; the verifier's own CPU still counts against it. Thread busy is the share of"
                + " the wall time a Lean slot spent in verification (REPL round trips included).", Machine.cores()));
    }

    private void cache() {
        Optional<RunFigures> warm = report.run("cache-warm");
        Optional<RunFigures> fresh = report.run("cache-fresh");
        if (warm.isEmpty() || fresh.isEmpty()) {
            return;
        }
        section("2. Header cache: warm REPL reuse vs a fresh REPL per proof");
        line("| REPLs | proofs | wall (s) | proofs/s | REPL starts | hit ratio |");
        line("|---|---|---|---|---|---|");
        for (RunFigures r : List.of(warm.get(), fresh.get())) {
            line(fmt("| %s | %d | %.2f | %.1f | %d | %.3f |", r.name().equals("cache-warm") ? "warm, reused"
                    : "fresh per proof (pool.max.uses=1)", r.proofs(), r.wallMs() / 1000, r.proofsPerSecond(),
                    r.coldStarts(), r.hitRatio()));
        }
        line("");
        line(fmt("A fresh REPL per proof takes **%.2fx** the wall time of warm reuse. A fresh simulated REPL also pays"
                + " a JVM start (the simulator is Java), which a real Lean REPL does not.",
                fresh.get().wallMs() / warm.get().wallMs()));
    }

    private void overhead() {
        List<RunFigures> rows = report.runs().stream()
                .filter(r -> r.name().startsWith("overhead-") || r.name().startsWith("latency-")).toList();
        if (rows.isEmpty()) {
            return;
        }
        section("3. Overhead: zero-cost proofs");
        line("| run | proofs | offered rate | proofs/s | framework CPU ms/proof | end-to-end p50 / p99 (ms) |"
                + " beyond Lean p50 / p99 (ms) |");
        line("|---|---|---|---|---|---|---|");
        for (RunFigures r : rows) {
            line(fmt("| %s | %d | %s | %.0f | %.3f | %.1f / %.1f | %.1f / %.1f |", r.name(), r.proofs(),
                    r.name().startsWith("latency-") ? fmt("%.0f/s", report.options().latencyRate()) : "max",
                    r.proofsPerSecond(), r.frameworkCpuMsPerProof(), r.endToEnd().p50(), r.endToEnd().p99(),
                    r.beyondLean().p50(), r.beyondLean().p99()));
        }
        line("");
        line("`latency-repartition` is the default topology (decode, repartition by id to drop duplicates,"
                + " repartition by header, verify: three transactions in a row); `latency-producer-routed` is the"
                + " producer-side header partitioner with `routing.repartition=false` and `dedup.enabled=false` (one"
                + " transaction). Framework CPU is the verifier JVM's CPU time over the run divided by the proofs"
                + " (REPL processes not included).");
    }

    private void routing() {
        Optional<RunFigures> affinity = report.run("routing-affinity");
        Optional<RunFigures> hashing = report.run("routing-hashing");
        if (affinity.isEmpty() || hashing.isEmpty()) {
            return;
        }
        section("4. Routing: header affinity vs plain hashing by proof id");
        line(fmt("%d distinct headers drawn uniformly, %d Lean slots with 2 warm REPLs each (pool.max.processes=2),"
                + " %d partitions.", report.options().routingHeaders(), affinity.get().threads(),
                affinity.get().partitions()));
        line("");
        line("| routing | hit ratio | REPL starts | wall (s) | thread busy mean / min / max |");
        line("|---|---|---|---|---|");
        for (RunFigures r : List.of(affinity.get(), hashing.get())) {
            line(fmt("| %s | **%.3f** | %d | %.2f | %.3f / %.3f / %.3f |", r.name().equals("routing-affinity")
                            ? "header affinity" : "hash of proof id", r.hitRatio(), r.coldStarts(), r.wallMs() / 1000,
                    r.meanBusy(), r.minBusy(), r.maxBusy()));
        }
    }

    private void scale() {
        List<RunFigures> rows = report.scaleRuns();
        if (rows.isEmpty()) {
            return;
        }
        BenchOptions.Scale sc = report.options().scale();
        section("5. Scale: Lean slots on waiting proofs (issue 18) -- SIMULATED REPL");
        line(fmt("**Simulated REPL, proofs WAIT** (`lean.sim.wait=true`: the simulator sleeps for each proof's cost,"
                + " using no CPU), so that many slots fit on %d cores and what grows with the slots is the framework's"
                + " own cost. Costs: Goedel workbook recorded times (one header) drawn at random and scaled to a mean"
                + " wait of %.0f ms; %d proofs per slot. Asynchronous dispatch: up to 32 Lean slots per stream thread,"
                + " one REPL each (`pool.max.processes=1`), 8 partitions per instance, default topology. Each size: a"
                + " fresh instance runs the proofs (cold: REPLs start, JIT cold), then %d proofs of 1 ms (JIT warm-up,"
                + " not reported), then as many new proofs as cold (warm), then stays idle for %d s.",
                Machine.cores(), sc.meanWaitMs(), sc.proofsPerSlot(),
                report.options().quick() ? 100 : Benchmark.JIT_WARMUP_PROOFS, sc.idleSeconds()));
        line("");
        line("Ideal throughput = slots / mean wait (plus, when cold, one header load per slot). \"Placement allows\""
                + " is the best achieved/ideal the run's placement of proofs on slots permits (the even share of the"
                + " work over the busiest slot's work): a free slot takes the next proof, so what bounds it is the"
                + " batch's end, its last and longest proofs running while other slots have nothing left.");
        line("");
        line("| run | slots | phase | proofs | ideal / achieved proofs/s | achieved/ideal | placement allows |"
                + " framework CPU ms/proof | header-cache hits | cores: REPLs / verifier / broker / load+reader |"
                + " idle CPU per instance (% of a core) |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (RunFigures r : rows) {
            double ideal = r.proofs() * 1000.0 / r.idealMs(report.options().headerLoadMs());
            line(fmt("| %s | %s | %s | %d | %.1f / %.1f | **%.3f** | %.3f | %.2f | %.3f | %.2f / %.2f / %.2f / %.2f |"
                            + " %s |", r.name(), r.instances() == 1 ? Integer.toString(r.threads())
                            : r.instances() + " x " + r.threads(), r.name().endsWith("-cold") ? "cold" : "warm",
                    r.proofs(), ideal, r.proofsPerSecond(), report.efficiency(r), r.placementBound(),
                    r.frameworkCpuMsPerProof(), r.hitRatio(), r.cpu().replMs() / r.wallMs(),
                    r.cpu().verifierMs() / r.wallMs(), r.cpu().brokerMs() / r.wallMs(),
                    r.cpu().clientsMs() / r.wallMs(), r.idle() == null ? ""
                            : fmt("%.1f", 100 * r.idle().verifierCoresPerInstance())));
        }
        line("");
        line(fmt("Kimina Lean Server (published, real Lean): 1000 Goedel proofs at %.2f it/s on 8 CPUs and %.2f it/s on"
                + " 60 CPUs: per CPU, %.2f of its 8-CPU rate. See scale.png.", BenchReport.KIMINA_8_CPU_RATE,
                BenchReport.KIMINA_60_CPU_RATE, BenchReport.kiminaEfficiencyAt60()));
    }

    private void runs() {
        section("All runs");
        line("| run | results / proofs | duplicates | statuses | wall (s) | hit ratio | end-to-end p50 (ms) |");
        line("|---|---|---|---|---|---|---|");
        for (RunFigures r : report.runs()) {
            line(fmt("| %s | %d / %d | %d | %s | %.2f | %.3f | %.1f |", r.name(), r.results(), r.proofs(),
                    r.duplicates(), r.statuses(), r.wallMs() / 1000, r.hitRatio(), r.endToEnd().p50()));
        }
        line("");
        line("_" + report.label() + "._");
    }

    private void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    private void line(String text) {
        s.append(text).append('\n');
    }
}
