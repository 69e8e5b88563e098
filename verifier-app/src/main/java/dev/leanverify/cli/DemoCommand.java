package dev.leanverify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.config.AppSettings;
import dev.leanverify.config.Settings;
import dev.leanverify.embedded.BrokerSettings;
import dev.leanverify.embedded.EmbeddedKafkaBroker;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.service.VerifierService;
import dev.leanverify.tools.Dataset;
import dev.leanverify.tools.DatasetReader;
import dev.leanverify.tools.ProofSubmitter;
import dev.leanverify.tools.Progress;
import dev.leanverify.tools.ResultCollector;
import dev.leanverify.tools.RunSummary;
import dev.leanverify.tools.SubmitOptions;
import dev.leanverify.tools.SubmitReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leanverify demo}: the whole pipeline on one machine in one command: an embedded Kafka
 * broker, an in-memory schema registry, a verifier (the simulated REPL unless --lean-repl), a
 * sample submitted and collected, a summary printed. Exit 0 when the sample got its expected verdicts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the pipeline locally on a sample: embedded Kafka, in-memory registry, verifier, submit,"
                + " collect, summary.", "Uses the SIMULATED Lean REPL (a test double) unless --lean-repl is given."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "PATH",
            description = "Replay this dataset (JSONL or .lean files, e.g. ../shared/data/goedel-workbook/proofs)"
                    + " instead of the bundled sample.")
    Path dataset;

    @Option(names = "--lean-repl", paramLabel = "CMD", description = "Use a real Lean REPL started by CMD.")
    String leanRepl;

    @Option(names = "--project-dir", paramLabel = "DIR", description = "With --lean-repl: the Lean project it runs in.")
    Path projectDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Time limit per proof (default: 4 s for the bundled sample, the verifier's otherwise).")
    Integer timeoutSeconds;

    @Mixin
    JsonOutput jsonOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean simulated = leanRepl == null;
        if (simulated) {
            Notices.simulated(err);
        }
        ProgressCommands.quietLogs();
        Path work = workDir();
        Dataset input = dataset == null ? DemoSample.dataset() : new DatasetReader("id", "code").read(List.of(dataset));
        Map<String, String> expected = dataset == null ? DemoSample.expected() : Map.of();
        Integer timeout = timeoutSeconds != null ? timeoutSeconds : dataset == null ? Integer.valueOf(4) : null;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.builder().port(0)
                .dataDir(work.resolve("broker")).build())) {
            err.println("starting an embedded Kafka broker...");
            broker.start();
            Map<String, String> s = new HashMap<>();
            s.put("bootstrap.servers", broker.bootstrapServers());
            s.put("application.id", "leanverify-demo");
            s.put("num.stream.threads", Integer.toString(threads));
            s.put("topics.partitions", Integer.toString(Math.max(4, threads)));
            s.put("topics.replication.factor", "1");
            s.put("schema.registry.url", "mock://demo");
            s.put("state.dir", work.resolve("state").toString());
            s.put("metrics.port", "0");
            s.put("metrics.bind.address", "127.0.0.1");
            if (simulated) {
                s.put("lean.simulate", "true");
            } else {
                s.put("lean.repl.command", leanRepl);
                if (projectDir != null) {
                    s.put("lean.project.dir", projectDir.toString());
                }
            }
            AppSettings app = AppSettings.from(Settings.load(null, System.getenv(), Map.of()).with(s));
            try (VerifierService service = VerifierService.create(app, new SchemaRegistries())) {
                err.println("starting the verifier (" + threads + " stream threads)...");
                service.start(Duration.ofMinutes(2));
                err.printf("verifier running; metrics at http://127.0.0.1:%d/metrics%n", service.metricsPort());
                return submitAndCollect(app, broker, input, expected, timeout, simulated, service.metricsPort(), out, err);
            }
        } finally {
            ProgressCommands.deleteQuietly(work);
        }
    }

    private int submitAndCollect(AppSettings app, EmbeddedKafkaBroker broker, Dataset input, Map<String, String> expected,
                                 Integer timeout, boolean simulated, int metricsPort, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        String run = RunIds.fresh("demo");
        SubmitReport sent = new ProofSubmitter(client, null).submit(input,
                new SubmitOptions(app.stream().topics().proofs(), run, run + "/", 0, timeout, false, null, false),
                Progress.to(err, "submitted", input.entries().size()));
        input.skipped().forEach(sk -> err.println("skipped " + sk));
        Progress progress = Progress.to(err, "verified", sent.sent());
        ResultCollector.Collected collected = new ResultCollector(client, app.stream().topics().results(),
                Formats.results(app.stream(), new SchemaRegistries()))
                .collect(r -> run.equals(r.getMetadata().get("run_id")), sent.sent(), Duration.ofMinutes(30),
                        r -> progress.advance(1));
        progress.finish();
        RunSummary summary = RunSummary.of(run, collected.results(), sent.sent(), collected.duplicates(),
                collected.unreadable().size());
        Map<String, String> mismatches = new TreeMap<>();
        Map<String, Integer> expectedCounts = new TreeMap<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            expectedCounts.merge(e.getValue(), 1, Integer::sum);
        }
        for (VerificationResult r : collected.results()) {
            String file = r.getMetadata().get("file");
            String want = file == null ? null : expected.get(file);
            if (want != null && !want.equals(r.getStatus().name())) {
                mismatches.put(file, "expected " + want + ", got " + r.getStatus()
                        + (r.getError() == null ? "" : " (" + r.getError().lines().findFirst().orElse("") + ")"));
            }
        }
        boolean ok = collected.complete() && collected.duplicates() == 0 && mismatches.isEmpty();
        if (jsonOutput.enabled) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.set("summary", summary.toJson(mapper));
            ObjectNode exp = o.putObject("expectedByStatus");
            expectedCounts.forEach(exp::put);
            ObjectNode mis = o.putObject("mismatches");
            mismatches.forEach(mis::put);
            o.put("matchesExpected", ok);
            o.put("simulatedLean", simulated);
            o.put("metricsUrl", "http://127.0.0.1:" + metricsPort + "/metrics");
            out.println(o);
        } else {
            out.print(summary.toText());
            if (!expected.isEmpty()) {
                out.printf(Locale.ROOT, "expected by status: %s%n", expectedCounts);
                out.println(mismatches.isEmpty() ? "every proof got its expected verdict"
                        : "MISMATCHES: " + mismatches);
            }
            if (simulated) {
                out.println("(Lean was SIMULATED by a test double; run with --lean-repl CMD for real Lean)");
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }

    /** Under LEANVERIFY_HOME/.leanverify when run by the wrapper (not /tmp, which the OS may clean under Kafka). */
    private static Path workDir() throws java.io.IOException {
        String home = System.getenv("LEANVERIFY_HOME");
        if (home != null && Files.isWritable(Path.of(home))) {
            Path base = Files.createDirectories(Path.of(home, ".leanverify"));
            return Files.createTempDirectory(base, "demo-");
        }
        return Files.createTempDirectory("leanverify-demo-");
    }

}
