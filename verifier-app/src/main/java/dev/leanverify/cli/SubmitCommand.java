package dev.leanverify.cli;

import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.tools.Dataset;
import dev.leanverify.tools.DatasetReader;
import dev.leanverify.tools.ProofSubmitter;
import dev.leanverify.tools.Progress;
import dev.leanverify.tools.SubmitOptions;
import dev.leanverify.tools.SubmitReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leanverify submit DATASET...}: produces a dataset's proofs to the proofs topic as one run. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit proofs from JSONL files or .lean files/directories to the proofs topic, as one run.",
                "Every proof's metadata gets run_id; its id is prefixed with the run id unless --keep-ids.",
                "Exit code 0 when every proof was sent, 1 when some were skipped or failed (each is named)."})
final class SubmitCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DATASET", description = "JSONL files, .lean files or directories of them.")
    List<Path> datasets;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--id-field", defaultValue = "id", description = "JSONL column with the proof id (default: ${DEFAULT-VALUE}).")
    String idField;

    @Option(names = "--code-field", defaultValue = "code", description = "JSONL column with the Lean code (default: ${DEFAULT-VALUE}).")
    String codeField;

    @Option(names = "--run-id", description = "Run id to stamp (default: a fresh run-DATE-TIME-xxxx).")
    String runId;

    @Option(names = "--keep-ids", description = "Send dataset ids as they are (they must not have been sent before).")
    boolean keepIds;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0", description = "At most N proofs per second (default: no limit).")
    double rate;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per proof (default: the verifier's).")
    Integer timeoutSeconds;

    @Option(names = "--all-tactics", description = "Ask for every tactic step (written to the tactics topic).")
    boolean allTactics;

    @Option(names = "--infotree", paramLabel = "MODE", description = "Ask for the infotree: full, tactics, original, substantive.")
    String infotree;

    @Option(names = "--avro", description = "Write Confluent Avro (needs --registry) instead of JSON.")
    boolean avro;

    @Option(names = "--strict", description = "Ask for strict verification (axioms, statement, forbidden commands).")
    boolean strict;

    @Option(names = "--statement-field", paramLabel = "NAME", description = "With --strict: the JSONL column with each"
            + " proof's reference statement (e.g. formal_statement); sent as the request's statement, not as metadata.")
    String statementField;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(rate >= 0)) {
            throw new IllegalArgumentException("--rate must be a number of proofs per second, 0 for no limit; was " + rate);
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        StreamSettings s = kafka.stream();
        for (Path path : datasets) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("dataset " + path + " does not exist — give JSONL files, .lean files"
                        + " or directories of them");
            }
        }
        Dataset dataset = new DatasetReader(idField, codeField).read(datasets);
        if (dataset.entries().isEmpty()) {
            throw new IllegalArgumentException("nothing to submit: " + (dataset.skipped().isEmpty()
                    ? "no proofs in " + datasets : dataset.skipped().size() + " entr" + (dataset.skipped().size() == 1
                    ? "y" : "ies") + " skipped, the first: " + dataset.skipped().get(0)));
        }
        if (avro && s.schemaRegistryUrl().isEmpty()) {
            throw new IllegalArgumentException("--avro needs a schema registry: add --registry URL");
        }
        kafka.checkReachable(List.of(s.topics().proofs()), avro);
        String run = runId != null ? runId : RunIds.fresh("run");
        SubmitOptions options = new SubmitOptions(s.topics().proofs(), run, keepIds ? "" : run + "/", rate, timeoutSeconds,
                allTactics, infotree, avro, strict, statementField);
        SchemaRegistries registries = new SchemaRegistries();
        ProofSubmitter submitter = new ProofSubmitter(kafka.producerProperties(),
                s.schemaRegistryUrl().isEmpty() ? null : registries.forUrl(s.schemaRegistryUrl()));
        SubmitReport report = submitter.submit(dataset, options, Progress.to(err, "submitted", dataset.entries().size()));
        out.printf(Locale.ROOT, "submitted %d proof(s) as run %s to %s in %.1f s%n", report.sent(), run,
                s.topics().proofs(), report.seconds());
        for (Dataset.Skipped skipped : report.skipped()) {
            err.println("skipped " + skipped);
        }
        for (Dataset.Skipped failed : report.failed()) {
            err.println("failed " + failed);
        }
        if (!report.skipped().isEmpty() || !report.failed().isEmpty()) {
            err.printf("%d skipped, %d failed to send (listed above)%n", report.skipped().size(), report.failed().size());
        }
        if (report.sent() > 0) {
            out.printf("collect the results with: leanverify collect --run-id %s --expected %d%n", run, report.sent());
        } else {
            err.println("nothing was sent, so there is nothing to collect (see the failures above)");
        }
        out.flush();
        err.flush();
        return report.skipped().isEmpty() && report.failed().isEmpty() ? 0 : 1;
    }
}
