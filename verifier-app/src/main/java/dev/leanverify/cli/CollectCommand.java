package dev.leanverify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.config.OutputFormat;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.codec.output.AvroJsonWriter;
import dev.leanverify.tools.Progress;
import dev.leanverify.tools.ResultCollector;
import dev.leanverify.tools.RunSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leanverify collect}: reads a run's committed results into JSONL and prints a summary; with
 * {@code --live}, shows the run's statistics as the verifier aggregates them instead.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Read a run's results (read_committed) until the expected count or a timeout;",
                "write them as JSONL and print a summary. Exit code 0 when the expected count arrived."})
final class CollectCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run to collect (default: every result).")
    String runId;

    @Option(names = "--expected", paramLabel = "N", defaultValue = "-1",
            description = "Stop once N results are in (default: read what the topic holds now).")
    long expected;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--notice-after", paramLabel = "SECONDS", defaultValue = "30",
            description = "Say so on stderr when the run has no result at all after this long, while still waiting"
                    + " (default: ${DEFAULT-VALUE}).")
    long noticeAfterSeconds;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results here as JSON lines.")
    Path outFile;

    @Mixin
    JsonOutput jsonOutput;

    @Option(names = "--live", description = {"Show the run's progress and pass rate from a verifier's live statistics"
            + " (GET /runs/{id} on its metrics port) instead of reading the results; with --expected, poll until"
            + " that many are counted or --timeout."})
    boolean live;

    @Option(names = "--service", paramLabel = "URL", defaultValue = "http://localhost:9464",
            description = "A verifier instance's HTTP endpoint, for --live (default: ${DEFAULT-VALUE}).")
    java.net.URI service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("--timeout must not be negative, was " + timeoutSeconds);
        }
        if (expected < -1) {
            throw new IllegalArgumentException("--expected must be a count of results (or -1 for what the topic holds"
                    + " now), was " + expected);
        }
        if (live) {
            return live(out, err);
        }
        StreamSettings s = kafka.stream();
        kafka.checkReachable(List.of(s.topics().results()), s.outputFormat() == OutputFormat.AVRO);
        Predicate<VerificationResult> wanted = runId == null ? r -> true
                : r -> runId.equals(r.getMetadata().get("run_id"));
        AvroJsonWriter writer = new AvroJsonWriter();
        Progress progress = Progress.to(err, "collected", Math.max(0, expected));
        ResultCollector.Collected collected;
        AtomicLong received = new AtomicLong();
        ScheduledExecutorService notice = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collect-notice");
            t.setDaemon(true);
            return t;
        });
        if (expected != 0 && noticeAfterSeconds > 0 && noticeAfterSeconds < timeoutSeconds) {
            notice.schedule(() -> {
                if (received.get() == 0) {
                    err.printf("no result for %s yet after %d s: is a verifier running? (still waiting, up to %d s)%n",
                            runId == null ? "any run" : "run " + runId, noticeAfterSeconds, timeoutSeconds);
                    err.flush();
                }
            }, noticeAfterSeconds, TimeUnit.SECONDS);
        }
        try (OutputStream file = outFile == null ? OutputStream.nullOutputStream()
                : new BufferedOutputStream(Files.newOutputStream(outFile))) {
            collected = new ResultCollector(kafka.consumerProperties(), s.topics().results(),
                    Formats.results(s, new SchemaRegistries())).collect(wanted, expected,
                    Duration.ofSeconds(timeoutSeconds), result -> {
                        try {
                            file.write(writer.write(result));
                            file.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        received.incrementAndGet();
                        progress.advance(1);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outFile + ": " + e.getMessage(), e);
        } finally {
            notice.shutdownNow();
        }
        progress.finish();
        RunSummary summary = RunSummary.of(runId == null ? "(all)" : runId, collected.results(), expected,
                collected.duplicates(), collected.unreadable().size());
        collected.unreadable().forEach(u -> err.println("unreadable result record " + u));
        if (jsonOutput.enabled) {
            ObjectMapper mapper = new ObjectMapper();
            var node = summary.toJson(mapper);
            node.put("complete", collected.complete());
            node.put("seconds", collected.seconds());
            out.println(node);
        } else {
            out.print(summary.toText());
            if (outFile != null) {
                out.println("results written to " + outFile);
            }
            if (!collected.complete()) {
                out.printf("INCOMPLETE: %d of %d results after %d s%n", collected.results().size(), expected,
                        timeoutSeconds);
            }
        }
        out.flush();
        err.flush();
        return collected.complete() && collected.duplicates() == 0 ? 0 : 1;
    }

    /** 0 when the run is known (and, with --expected, complete), 1 when incomplete at the timeout, 2 when unknown. */
    private int live(PrintWriter out, PrintWriter err) {
        if (runId == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--live needs --run-id");
        }
        if (outFile != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--live reads statistics, not results: --out cannot be used with it");
        }
        dev.leanverify.tools.LiveRunStats stats = new dev.leanverify.tools.LiveRunStats(service, Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        try {
            while (true) {
                dev.leanverify.tools.LiveRunStats.Answer a = stats.fetch(runId);
                boolean done = a.found() && (expected < 0 || a.results() >= expected);
                boolean last = done || System.nanoTime() > deadline;
                if (a.found() && (jsonOutput.enabled ? last : true)) {
                    out.println(jsonOutput.enabled ? a.body().toString() : dev.leanverify.tools.LiveRunStats.line(a.body(), expected));
                    out.flush();
                } else if (!a.found() && (expected < 0 || last)) {
                    err.println(a.status() == 404 ? "unknown run '" + runId + "': no result of it has been counted yet"
                            : "the verifier answered " + a.status() + ": " + a.body().path("detail").asText(a.body().toString()));
                    err.flush();
                    return a.status() == 404 ? 2 : 1;
                }
                if (done || expected < 0) {
                    return 0;
                }
                if (last) {
                    out.printf("INCOMPLETE: %d of %d results counted after %d s%n", a.found() ? a.results() : 0,
                            expected, timeoutSeconds);
                    out.flush();
                    return 1;
                }
                Thread.sleep(2000);
            }
        } catch (IOException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
