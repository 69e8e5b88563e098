package dev.leanverify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leanverify.bench.BenchOptions;
import dev.leanverify.bench.BenchReport;
import dev.leanverify.bench.Benchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leanverify bench}: the benchmark through the real pipeline (embedded broker, real topics,
 * verifier instances as processes, simulated REPL processes burning real CPU): efficiency against
 * the ideal, the header cache's value, framework overhead and latency, routing. Writes a JSON
 * report, a Markdown report and charts; exit 1 when a run did not get exactly one result per proof.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the pipeline: efficiency vs ideal, header cache, overhead and latency, routing, scale.",
                "Uses the SIMULATED Lean REPL (a test double that burns real CPU for recorded proof times)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Small sizes: the same scenarios in about three minutes (a smoke run).")
    boolean quick;

    @Mixin
    JsonOutput jsonOutput;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where report.json, report.md, the charts and the runs' logs go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--scenarios", paramLabel = "LIST", split = ",",
            description = "Some of: driver, efficiency, cache, overhead, routing, instances, rl, scale (default: all; --quick: all but instances and rl).")
    List<String> scenarios;

    @Option(names = "--scale-slots", paramLabel = "LIST", split = ",",
            description = "Scale scenario: Lean slots of the one-instance runs (8,16,32,64; quick 8).")
    List<Integer> scaleSlots;

    @Option(names = "--scale-instances", paramLabel = "IxS",
            description = "Scale scenario: the multi-instance run, I instances x S slots (4x16; quick 2x4; 0x0 for none).")
    String scaleInstances;

    @Option(names = "--scale-proofs-per-slot", paramLabel = "N",
            description = "Scale scenario: proofs per slot in each of the cold and warm runs (100; quick 4).")
    Integer scaleProofsPerSlot;

    @Option(names = "--scale-mean-wait-ms", paramLabel = "MS",
            description = "Scale scenario: mean wait per proof, Goedel times scaled to it (400; quick 100).")
    Double scaleMeanWaitMs;

    @Option(names = "--scale-idle-seconds", paramLabel = "S",
            description = "Scale scenario: how long the idle CPU is measured after the warm run (10; quick 3).")
    Integer scaleIdleSeconds;

    @Option(names = "--rl-problems", paramLabel = "P", description = "RL scenario: problems per run (16).")
    Integer rlProblems;

    @Option(names = "--rl-samples", paramLabel = "K", description = "RL scenario: samples per problem (8).")
    Integer rlSamples;

    @Option(names = "--rl-repeat-percents", paramLabel = "LIST", split = ",",
            description = "RL scenario: shares of samples that repeat an earlier sample's text, in percent (0,25,50).")
    List<Integer> rlRepeatPercents;

    @Option(names = "--proofs", paramLabel = "N", description = "Efficiency workload: the Goedel set cycled to N proofs (2000; quick 60).")
    Integer proofs;

    @Option(names = "--time-scale", paramLabel = "F", description = "Recorded Lean time x F = CPU burned per proof (0.02; quick 0.005).")
    Double timeScale;

    @Option(names = "--header-load-ms", paramLabel = "MS", description = "CPU burned per header load (100; quick 25).")
    Long headerLoadMs;

    @Option(names = "--threads", paramLabel = "LIST", split = ",", description = "Stream threads of the efficiency runs (1,2).")
    List<Integer> threads;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the proofs topic (8).")
    Integer partitions;

    @Option(names = "--cache-proofs", paramLabel = "N", description = "Proofs in the warm vs fresh REPL comparison (400; quick 16).")
    Integer cacheProofs;

    @Option(names = "--zero-cost-proofs", paramLabel = "N", description = "Proofs in the maximum-rate run (10000; quick 1000).")
    Integer zeroCostProofs;

    @Option(names = "--latency-proofs", paramLabel = "N", description = "Proofs in each light-load latency run (400; quick 40).")
    Integer latencyProofs;

    @Option(names = "--latency-rate", paramLabel = "PER_S", description = "Offered rate of the latency runs (20; quick 40).")
    Double latencyRate;

    @Option(names = "--routing-proofs", paramLabel = "N", description = "Proofs in each routing run (600; quick 48).")
    Integer routingProofs;

    @Option(names = "--routing-headers", paramLabel = "N", description = "Distinct headers in the routing runs (16).")
    Integer routingHeaders;

    @Option(names = "--routing-threads", paramLabel = "N", description = "Stream threads of the routing runs (8).")
    Integer routingThreads;

    @Option(names = "--routing-cost-ms", paramLabel = "MS", description = "Lean work per proof in the routing runs (20; quick 5).")
    Long routingCostMs;

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
            description = "Kafka Streams commit.interval.ms for every run (default: Kafka's, 100 under exactly-once).")
    Integer commitIntervalMs;

    @Option(names = "--warmup-proofs", paramLabel = "N",
            description = "Zero-cost proofs each measured instance verifies first, so its JIT has settled (20000; quick 0).")
    Integer warmupProofs;

    @Option(names = "--driver-requests", paramLabel = "N",
            description = "Requests in the REPL driver's round-trip measurement (5000; quick 1000).")
    Integer driverRequests;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A verifier setting for every run's instances, e.g. --set consumer.fetch.max.wait.ms=10.")
    java.util.Map<String, String> settings = new java.util.HashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchOptions options = options();
        Notices.simulated(err);
        ProgressCommands.quietLogs();
        Files.createDirectories(options.outDir());
        BenchReport report;
        try {
            report = new Benchmark(options, err, Main.class).run();
        } finally {
            ProgressCommands.deleteQuietly(options.outDir().resolve("broker").resolve("data"));
        }
        for (Path file : report.writeTo(options.outDir())) {
            err.println("bench: wrote " + file);
        }
        if (jsonOutput.enabled) {
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report.toJson()));
        } else {
            stdout.print(report.toMarkdown());
        }
        stdout.flush();
        if (!report.complete()) {
            err.println("bench: some runs did not get exactly one result per proof (see the runs table and the logs in "
                    + options.outDir().resolve("runs") + ")");
            return 1;
        }
        return 0;
    }

    /** The preset, with every option given on the command line applied over it. */
    BenchOptions options() {
        // the settings go to verifier processes: a typo must fail here, in one line, not in every run's log
        dev.leanverify.config.KnownSettings.check(dev.leanverify.config.Settings.load(null, java.util.Map.of(), settings));
        BenchOptions p = quick ? BenchOptions.quick(out) : BenchOptions.full(out);
        Set<String> chosen = scenarios == null ? p.scenarios() : new LinkedHashSet<>(scenarios.stream()
                .map(String::strip).toList());
        return new BenchOptions(quick, or(proofs, p.proofs()), or(timeScale, p.timeScale()),
                or(headerLoadMs, p.headerLoadMs()), threads == null ? p.threads() : threads,
                or(partitions, p.partitions()), or(cacheProofs, p.cacheProofs()),
                or(zeroCostProofs, p.zeroCostProofs()), or(latencyProofs, p.latencyProofs()),
                or(latencyRate, p.latencyRate()), or(routingProofs, p.routingProofs()),
                or(routingHeaders, p.routingHeaders()), or(routingThreads, p.routingThreads()),
                or(routingCostMs, p.routingCostMs()), commitIntervalMs, or(warmupProofs, p.warmupProofs()), or(driverRequests, p.driverRequests()), chosen, settings, out.toAbsolutePath().normalize(),
                or(rlProblems, p.rlProblems()), or(rlSamples, p.rlSamples()),
                rlRepeatPercents == null ? p.rlRepeatPercents() : rlRepeatPercents, scale(p.scale()));
    }

    private BenchOptions.Scale scale(BenchOptions.Scale p) {
        int instances = p.instances();
        int slotsPerInstance = p.slotsPerInstance();
        if (scaleInstances != null) {
            String[] parts = scaleInstances.strip().toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                instances = Integer.parseInt(parts[0].strip());
                slotsPerInstance = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--scale-instances must be INSTANCESxSLOTS, e.g. 4x16; was '"
                        + scaleInstances + "'");
            }
        }
        return new BenchOptions.Scale(scaleSlots == null ? p.slots() : scaleSlots, instances, slotsPerInstance,
                or(scaleProofsPerSlot, p.proofsPerSlot()), or(scaleMeanWaitMs, p.meanWaitMs()),
                or(scaleIdleSeconds, p.idleSeconds()));
    }

    private static <T> T or(T given, T preset) {
        return given != null ? given : preset;
    }

}
