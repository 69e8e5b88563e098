package dev.leanverify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.StrictSettings;
import dev.leanverify.tools.StatementFile;
import dev.leanverify.verify.strict.StrictChecker;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.client.LeanVerifyClient;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.schema.LeanMessage;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.codec.output.AvroJsonWriter;
import dev.leanverify.codec.output.ResultMapper;
import java.util.Locale;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.ReplSpecs;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.VerifierFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leanverify check FILE.lean...}: verifies files locally and prints compiler-style messages. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Verify Lean files (with a local REPL, or the running service with --kafka) and print"
                + " compiler-style messages.",
                "Exit code 0 when every file is VERIFIED, 1 otherwise, 2 for bad usage."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Lean source files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--strict", description = "Strict verification: the axioms of every declaration, the reference"
            + " statement when given, forbidden commands (UNSOUND when one fails).")
    boolean strict;

    @Option(names = "--statement", paramLabel = "TEXT", description = "With --strict: the reference statement the FILE"
            + " arguments must prove, e.g. 'theorem t (n : ℕ) : n + 0 = n'.")
    String statement;

    @Option(names = "--statements", paramLabel = "FILE.jsonl", description = "Lean files with their reference"
            + " statements, one {\"file\": ..., \"statement\": ...} a line (files relative to the JSONL's folder).")
    Path statementsFile;

    /** The statement of each file, in the order of {@link #files} (null: none). */
    private final List<String> statements = new ArrayList<>();

    @Mixin
    LeanOptions lean;

    @Mixin
    JsonOutput jsonOutput;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per proof.")
    Integer timeoutSeconds;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files checked at once, each with its own REPLs (default 1).")
    int jobs = 1;

    @Option(names = "--kafka", description = "Check through the running leanverify service (request/reply over its topics)"
            + " instead of a local REPL.")
    boolean viaKafka;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "With --kafka: the brokers (default:"
            + " bootstrap.servers from --config or the environment, else localhost:9092).")
    String bootstrapServers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, was " + jobs);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((statement != null || statementsFile != null) && !strict) {
            throw new IllegalArgumentException("--statement and --statements need --strict");
        }
        files.forEach(f -> statements.add(statement));
        if (statementsFile != null) {
            for (StatementFile.Entry e : StatementFile.read(statementsFile)) {
                files.add(e.file());
                statements.add(e.statement());
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to check: give FILE arguments or --statements FILE.jsonl");
        }
        long start = System.nanoTime();
        List<VerificationResult> results = viaKafka ? checkThroughKafka() : checkLocally(err);
        ObjectMapper mapper = new ObjectMapper();
        AvroJsonWriter writer = new AvroJsonWriter();
        Map<VerificationStatus, Integer> counts = new EnumMap<>(VerificationStatus.class);
        boolean simulated = false;
        for (int i = 0; i < files.size(); i++) {
            VerificationResult r = results.get(i);
            counts.merge(r.getStatus(), 1, Integer::sum);
            simulated |= "simulated".equals(r.getLeanVersion());
            if (jsonOutput.enabled) {
                ObjectNode node = mapper.createObjectNode();
                node.put("file", files.get(i).toString());
                node.setAll((ObjectNode) mapper.readTree(writer.write(r)));
                out.println(mapper.writeValueAsString(node));
            } else {
                printMessages(out, files.get(i), r);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "checked %d file(s) in %.1f s:",
                files.size(), seconds));
        counts.forEach((status, n) -> summary.append(' ').append(n).append(' ').append(status));
        if (simulated) {
            summary.append(" (simulated Lean)");
        }
        (jsonOutput.enabled ? err : out).println(summary);
        out.flush();
        err.flush();
        return counts.keySet().stream().allMatch(st -> st == VerificationStatus.VERIFIED) ? 0 : 1;
    }

    private List<VerificationResult> checkLocally(PrintWriter err) throws Exception {
        Map<String, String> extra = new java.util.HashMap<>();
        if (timeoutSeconds != null) {
            extra.put("lean.timeout.default.seconds", timeoutSeconds.toString());
        }
        dev.leanverify.config.Settings raw = lean.settings(extra);
        LeanSettings settings = LeanSettings.from(raw);
        StrictSettings strictSettings = StrictSettings.from(raw);
        ReplCommandCheck.requireProgram(settings);
        if (settings.simulate()) {
            Notices.simulated(err);
        }
        ReplSpec replSpec = ReplSpecs.from(settings, SimulatedReplCommand::commandLineFor);
        ResultMapper mapper = new ResultMapper(new StreamSettings.ResultLimits(16 << 20, 100_000, 1 << 20), "check",
                new ObjectMapper(), replSpec.sandbox().enabled());
        List<VerificationResult> results = new ArrayList<>();
        List<VerificationReport> reports = verifyAll(settings, strictSettings, replSpec);
        for (int i = 0; i < reports.size(); i++) {
            var origin = new ResultMapper.Origin(Map.of("file", files.get(i).toString()), 0, files.get(i).toString());
            results.add(mapper.toResult(reports.get(i), origin, reports.get(i).leanNanos()
                    + (reports.get(i).headerLoadNanos() == null ? 0 : reports.get(i).headerLoadNanos()),
                    System.currentTimeMillis()));
        }
        return results;
    }

    private List<VerificationResult> checkThroughKafka() throws Exception {
        Map<String, String> overrides = new java.util.HashMap<>(lean.sets);
        if (bootstrapServers != null) {
            overrides.put("bootstrap.servers", bootstrapServers);
        }
        dev.leanverify.config.Settings settings = dev.leanverify.config.Settings.load(lean.config, System.getenv(),
                overrides);
        dev.leanverify.config.KnownSettings.check(settings);
        StreamSettings s = StreamSettings.from(settings);
        dev.leanverify.config.ConnectCheck connectCheck = dev.leanverify.config.ConnectCheck.from(settings);
        if (connectCheck.enabled() && s.outputFormat() == dev.leanverify.config.OutputFormat.AVRO) {
            dev.leanverify.client.RegistryReachability.check(s.schemaRegistryUrl(), connectCheck.timeout());
        }
        String run = RunIds.fresh("check");
        List<VerificationResult> results = new ArrayList<>();
        try (LeanVerifyClient client = LeanVerifyClient.builder().bootstrapServers(s.bootstrapServers())
                .topics(s.topics().proofs(), s.topics().results())
                .connectCheckTimeout(connectCheck.timeout())
                .resultDeserializer(Formats.results(s, new SchemaRegistries()))
                .deadline(Duration.ofSeconds(Math.max(60, 3L * (timeoutSeconds == null ? 300 : timeoutSeconds))))
                .build()) {
            List<java.util.concurrent.CompletableFuture<VerificationResult>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String code = Files.readString(file, StandardCharsets.UTF_8);
                futures.add(client.verify(run + "/" + file, code, timeoutSeconds,
                        Map.of("run_id", run, "file", file.toString()), strict ? Boolean.TRUE : null, statements.get(i)));
            }
            for (var f : futures) {
                results.add(f.get());
            }
        }
        return results;
    }

    private List<VerificationReport> verifyAll(LeanSettings settings, StrictSettings strictSettings, ReplSpec replSpec)
            throws Exception {
        VerifierFactory factory = new VerifierFactory(settings, strictSettings, replSpec, "check");
        int workers = Math.min(jobs, files.size());
        LinkedBlockingQueue<ProofVerifier> verifiers = new LinkedBlockingQueue<>();
        for (int i = 0; i < workers; i++) {
            verifiers.add(factory.create("check-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<VerificationReport>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String reference = statements.get(i);
                futures.add(pool.submit(() -> {
                    // each task takes a verifier for itself: a pool is only ever used by one thread at a time
                    ProofVerifier v = verifiers.take();
                    try {
                        return verifyFile(v, file, replSpec, strict ? Boolean.TRUE : null, reference);
                    } finally {
                        verifiers.add(v);
                    }
                }));
            }
            List<VerificationReport> reports = new ArrayList<>();
            for (Future<VerificationReport> f : futures) {
                reports.add(f.get());
            }
            return reports;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            verifiers.forEach(ProofVerifier::close);
        }
    }

    private static VerificationReport verifyFile(ProofVerifier verifier, Path file, ReplSpec spec, Boolean strict,
                                                 String statement) {
        String code;
        try {
            code = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return VerificationReport.rejected(file.toString(), ProofStatus.INVALID_REQUEST,
                    "cannot read " + file + ": " + e.getMessage(), spec.leanVersion());
        }
        if (code.isBlank()) {
            return VerificationReport.rejected(file.toString(), ProofStatus.INVALID_REQUEST, "the file is empty",
                    spec.leanVersion());
        }
        return verifier.verify(new ProofJob(file.toString(), code, null, false, null, Map.of(), strict, statement));
    }

    private static void printMessages(PrintWriter out, Path file, VerificationResult r) {
        for (LeanMessage m : r.getMessages()) {
            String where = file + ":" + m.getPos().getLine() + ":" + m.getPos().getColumn() + ":";
            out.println(where + " " + m.getSeverity() + ": " + m.getData().replace("\n", "\n  "));
        }
        if (r.getError() != null || (r.getStatus() != VerificationStatus.VERIFIED && r.getMessages().isEmpty())) {
            out.println(file + ": error: " + r.getStatus()
                    + (r.getError() == null ? "" : ": " + r.getError().replace("\n", "\n  ")));
        }
        String layer = r.getSoundness() == null || r.getSoundness().getLayer() == null ? ""
                : " (" + r.getSoundness().getLayer() + ")";
        out.println(file + ": " + r.getStatus() + layer);
    }
}
