package dev.leanverify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class BenchReportTest {
    @TempDir
    Path dir;

    /** A run with the figures the targets look at; the rest plausible. */
    private static RunFigures run(String name, int threads, double wallMs, double workMs, int results, int proofs,
                                  double hitRatio, double cpuMsPerProof, double beyondLeanMs) {
        Latencies e2e = Latencies.of(new double[] {beyondLeanMs + 5, beyondLeanMs + 10, beyondLeanMs + 20});
        Latencies beyond = Latencies.of(new double[] {beyondLeanMs, beyondLeanMs, beyondLeanMs});
        return new RunFigures(name, "test workload", threads, 1, 8, Map.of(), proofs, results, 0,
                Map.of("VERIFIED", results), wallMs, workMs, hitRatio, 0, cpuMsPerProof,
                new RunFigures.CpuUse(wallMs * 0.1, wallMs * 1.5, wallMs * 0.1, wallMs * 0.05), e2e, beyond,
                Latencies.of(new double[] {1, 2}), Latencies.of(new double[] {1}), Latencies.of(new double[] {1}),
                Latencies.of(new double[] {1}), Map.of("i/t1", 0.9, "i/t2", 0.8));
    }

    private static BenchReport report(List<RunFigures> runs) {
        return report(runs, 0.3);
    }

    private static BenchReport report(List<RunFigures> runs, double driverP50Ms) {
        return new BenchReport(BenchOptions.quick(Path.of("out")), Instant.parse("2026-12-01T00:00:00Z"), 90, 74,
                new DriverBench.Figures(100, Latencies.of(new double[] {0.2, driverP50Ms, 2.5}),
                        Latencies.of(new double[] {0.3, 0.4, 3.1})), runs);
    }

    private static List<RunFigures> allMet() {
        return List.of(
                run("efficiency-1t", 1, 1000, 950, 100, 100, 0.99, 3, 50),
                run("efficiency-2t", 2, 1000, 1900, 100, 100, 0.99, 3, 50),
                run("cache-warm", 2, 1000, 900, 40, 40, 0.95, 3, 50),
                run("cache-fresh", 2, 3000, 900, 40, 40, 0, 3, 50),
                run("overhead-max-rate", 2, 1000, 0, 3000, 3000, 0.99, 0.5, 500),
                run("latency-repartition", 2, 1000, 0, 20, 20, 0.99, 5, 110),
                run("routing-affinity", 8, 1000, 100, 50, 50, 0.95, 5, 50),
                run("routing-hashing", 8, 5000, 100, 50, 50, 0.20, 5, 50));
    }

    @Test
    void targetsAreMetWhenTheFiguresReachThem() {
        List<BenchReport.Target> targets = report(allMet()).targets();

        assertThat(targets).extracting(BenchReport.Target::name).contains(
                "REPL driver round trip p50 (zero-cost simulated REPL)", "efficiency at 2 Lean slots",
                "framework CPU per proof", "zero-cost proofs per second, one instance",
                "end-to-end beyond Lean, p50 (latency-repartition)", "header-cache hit ratio, affinity vs hashing");
        assertThat(targets).allSatisfy(t -> assertThat(t.met()).as(t.name() + ": " + t.measured()).isTrue());
    }

    @Test
    void targetsAreMissedWhenTheFiguresFallShort() {
        BenchReport r = report(List.of(
                run("efficiency-2t", 2, 1000, 1700, 100, 100, 0.99, 3, 50),       // 0.85
                run("overhead-max-rate", 2, 1000, 0, 1500, 1500, 0.99, 1.5, 50),  // 1500/s, 1.5 ms
                run("latency-repartition", 2, 1000, 0, 20, 20, 0.99, 5, 121),     // > 100 + 20
                run("routing-affinity", 8, 1000, 100, 50, 50, 0.95, 5, 50),
                run("routing-hashing", 8, 1000, 100, 50, 50, 0.90, 5, 50)),       // not clearly lower
                1.2);                                                            // driver p50 above 1 ms

        assertThat(r.targets()).allSatisfy(t -> assertThat(t.met()).as(t.name()).isFalse());
    }

    @Test
    void anIncompleteRunIsAMissedTargetAndMakesTheReportIncomplete() {
        BenchReport r = report(List.of(run("efficiency-2t", 2, 1000, 1900, 99, 100, 0.99, 3, 50)));

        assertThat(r.complete()).isFalse();
        assertThat(r.targets()).anySatisfy(t -> {
            assertThat(t.name()).contains("efficiency-2t");
            assertThat(t.met()).isFalse();
        });
        assertThat(r.toMarkdown()).contains("WARNING");
    }

    @Test
    void efficiencyIsTheIdealOverTheWallTime() {
        BenchReport r = report(allMet());
        RunFigures two = r.run("efficiency-2t").orElseThrow();
        assertThat(r.efficiency(two)).isEqualTo(0.95);
        // the helpers (broker 0.1 + clients 0.05 cores) leave cores - 0.15 for the two threads
        double lanes = Math.min(2, Machine.cores() - 0.15);
        assertThat(r.efficiencyWithoutHelpers(two)).isCloseTo(1900 / lanes / 1000,
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theReportsSayLeanWasSimulatedAndWhatProducedThem() throws Exception {
        BenchReport r = report(allMet());

        JsonNode json = r.toJson();
        assertThat(json.get("simulatedLean").asBoolean()).isTrue();
        assertThat(json.get("producedBy").asText()).isEqualTo("ops/leanverify bench --quick");
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.get("efficiency")).hasSize(2);
        assertThat(json.get("headerCache").get("freshOverWarm").asDouble()).isEqualTo(3.0);
        assertThat(json.get("routing")).hasSize(2);
        assertThat(json.get("runs")).hasSize(8);
        assertThat(json.get("driver").get("replSendMs").get("p50").asDouble()).isEqualTo(0.3);
        assertThat(r.toMarkdown()).contains("Lean was SIMULATED").contains("| efficiency-2t | 2 x 1 |")
                .contains("## 4. Routing");
    }

    private static RunFigures scaleRun(String name, int slots, int instances, double wallMs, double workMs,
                                       double cpuMsPerProof) {
        Latencies l = Latencies.of(new double[] {1, 2, 3});
        return new RunFigures(name, "waiting", slots, instances, slots * instances, Map.of(), 100, 100, 0,
                Map.of("VERIFIED", 100), wallMs, workMs, 1.0, 0, cpuMsPerProof,
                new RunFigures.CpuUse(wallMs * 0.5, 0, wallMs * 0.1, wallMs * 0.05), l, l, l, l, l, l,
                Map.of("i/t1", 0.9), 0, 0, workMs / (slots * instances) * 1.25, null);
    }

    @Test
    void theScaleRunsAreReportedAsSimulatedBesideKiminasScaling() throws Exception {
        BenchReport r = report(List.of(scaleRun("scale-8-cold", 8, 1, 1000, 4000, 9),
                scaleRun("scale-8-warm", 8, 1, 1000, 7000, 3).withIdle(new RunFigures.Idle(3, 0.2, 0, 1)),
                scaleRun("scale-2x4-warm", 4, 2, 1000, 7600, 2)));

        List<BenchReport.Target> scaleTargets = r.targets().stream().filter(t -> t.name().startsWith("scale:"))
                .toList();
        assertThat(scaleTargets).extracting(BenchReport.Target::met).containsExactly(false, false, false, true);
        assertThat(scaleTargets.get(0).measured()).isEqualTo("0.875 (placement allows 0.800)");
        assertThat(scaleTargets.get(2).measured()).isEqualTo("20.0%");
        JsonNode scale = r.toJson().get("scale");
        assertThat(scale.get("simulatedRepl").asText()).contains("SIMULATED");
        assertThat(scale.at("/kimina/efficiencyAt60").asDouble()).isEqualTo(0.696);
        assertThat(scale.get("runs")).hasSize(3);
        assertThat(scale.at("/runs/2/slots").asInt()).isEqualTo(8);
        assertThat(r.label()).contains("WAIT");
        assertThat(r.toMarkdown()).contains("## 5. Scale").contains("SIMULATED REPL").contains("| 2 x 4 | warm |");
        assertThat(r.writeTo(dir)).extracting(p -> p.getFileName().toString()).contains("scale.png");
    }

    @Test
    void writesJsonMarkdownAndPngCharts() throws Exception {
        List<Path> files = report(allMet()).writeTo(dir);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("report.json",
                "report.md", "throughput.png", "header-cache.png", "latency.png", "routing.png");
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                byte[] png = Files.readAllBytes(f);
                assertThat(png.length).isGreaterThan(1000);
                assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            }
        }
    }
}
