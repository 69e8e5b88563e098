package dev.leanverify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.ReplLauncher;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.ReplSpecs;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.VerifierLimits;
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
        description = {"Verify Lean files with a local REPL and print compiler-style messages.",
                "Exit code 0 when every file is VERIFIED, 1 otherwise, 2 for bad usage."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Lean source files.")
    List<Path> files;

    @Mixin
    LeanOptions lean;

    @Option(names = "--json", description = "Print one JSON object per file instead of messages.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per proof.")
    Integer timeoutSeconds;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files checked at once, each with its own REPLs (default 1).")
    int jobs = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, was " + jobs);
        }
        Map<String, String> extra = new java.util.HashMap<>();
        if (timeoutSeconds != null) {
            extra.put("lean.timeout.default.seconds", timeoutSeconds.toString());
        }
        LeanSettings settings = LeanSettings.from(lean.settings(extra));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (settings.simulate()) {
            Notices.simulated(err);
        }
        ReplSpec replSpec = ReplSpecs.from(settings);
        long start = System.nanoTime();
        List<VerificationReport> reports = verifyAll(settings, replSpec);
        ObjectMapper mapper = new ObjectMapper();
        ReplJson replJson = new ReplJson(mapper);
        Map<ProofStatus, Integer> counts = new EnumMap<>(ProofStatus.class);
        for (int i = 0; i < files.size(); i++) {
            VerificationReport r = reports.get(i);
            counts.merge(r.status(), 1, Integer::sum);
            if (json) {
                out.println(mapper.writeValueAsString(toJson(mapper, replJson, files.get(i), r)));
            } else {
                printMessages(out, files.get(i), r);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder summary = new StringBuilder(String.format("checked %d file(s) in %.1f s:", files.size(), seconds));
        counts.forEach((status, n) -> summary.append(' ').append(n).append(' ').append(status));
        if (settings.simulate()) {
            summary.append(" (simulated Lean)");
        }
        (json ? err : out).println(summary);
        out.flush();
        err.flush();
        return counts.keySet().stream().allMatch(ProofStatus::passed) ? 0 : 1;
    }

    private List<VerificationReport> verifyAll(LeanSettings settings, ReplSpec replSpec) throws Exception {
        HeaderSplitter splitter = new HeaderSplitter(settings.mergeMathlibImports());
        VerifierLimits limits = new VerifierLimits(settings.defaultTimeout(), settings.maxTimeout());
        ReplLauncher launcher = new ReplLauncher(replSpec, new ReplJson(), Ticker.systemTicker(), "check");
        int workers = Math.min(jobs, files.size());
        LinkedBlockingQueue<ProofVerifier> verifiers = new LinkedBlockingQueue<>();
        for (int i = 0; i < workers; i++) {
            verifiers.add(new ProofVerifier(new ReplPool(settings.pool(), launcher.named("check-" + i)), splitter,
                    limits, replSpec.leanVersion(), Ticker.systemTicker()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<VerificationReport>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    // each task takes a verifier for itself: a pool is only ever used by one thread at a time
                    ProofVerifier v = verifiers.take();
                    try {
                        return verifyFile(v, file, replSpec);
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

    private static VerificationReport verifyFile(ProofVerifier verifier, Path file, ReplSpec spec) {
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
        return verifier.verify(ProofJob.of(file.toString(), code));
    }

    private static void printMessages(PrintWriter out, Path file, VerificationReport r) {
        for (Message m : r.messages()) {
            String where = m.pos() == null ? file + ":" : file + ":" + m.pos().line() + ":" + m.pos().column() + ":";
            out.println(where + " " + m.severity() + ": " + m.data().replace("\n", "\n  "));
        }
        if (r.error() != null || (r.status() != ProofStatus.VERIFIED && r.messages().isEmpty())) {
            out.println(file + ": error: " + r.status() + (r.error() == null ? "" : ": " + r.error().replace("\n", "\n  ")));
        }
        out.println(file + ": " + r.status());
    }

    private static ObjectNode toJson(ObjectMapper mapper, ReplJson replJson, Path file, VerificationReport r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("file", file.toString());
        o.put("status", r.status().name());
        ArrayNode messages = o.putArray("messages");
        r.messages().forEach(m -> messages.add(replJson.toJson(m)));
        ArrayNode sorries = o.putArray("sorries");
        r.sorries().forEach(s -> sorries.add(replJson.toJson(s)));
        if (!r.tactics().isEmpty()) {
            ArrayNode tactics = o.putArray("tactics");
            r.tactics().forEach(t -> tactics.add(replJson.toJson(t)));
        }
        ObjectNode timing = o.putObject("timing");
        if (r.headerLoadNanos() == null) {
            timing.putNull("headerLoadMs");
        } else {
            timing.put("headerLoadMs", Duration.ofNanos(r.headerLoadNanos()).toMillis());
        }
        timing.put("leanMs", Duration.ofNanos(r.leanNanos()).toMillis());
        o.put("headerCacheHit", r.headerCacheHit());
        o.put("headerDigest", r.headerDigest());
        o.put("replId", r.replId());
        o.put("leanVersion", r.leanVersion());
        o.put("error", r.error());
        return o;
    }
}
