package dev.leanverify.stats;

import dev.leanverify.config.StatsSettings;
import dev.leanverify.schema.VerificationResult;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Reads from a result what the statistics need: its run id (or the default run), and its sample.
 * Fields that newer schema versions add ({@code soundness.layer}, {@code verdictCache}) are read by
 * name from the record's own schema, so this works whether or not the result carries them.
 */
public final class SampleExtractor {
    static final int MAX_PROBLEM_CHARS = 256;

    private final String runKey;
    private final String defaultRun;
    private final String problemKey;

    public SampleExtractor(StatsSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.runKey = settings.runKey();
        this.defaultRun = settings.defaultRun();
        this.problemKey = settings.problemKey();
    }

    /** The run a result belongs to: its metadata's run id, or the default run when it has none. */
    public String runId(VerificationResult r) {
        Map<String, String> metadata = r.getMetadata();
        String run = metadata == null ? null : metadata.get(runKey);
        return run == null || run.isBlank() ? defaultRun : run;
    }

    public Sample sample(VerificationResult r) {
        Map<String, String> metadata = r.getMetadata();
        String problem = metadata == null ? null : metadata.get(problemKey);
        String status = r.getStatus().name();
        return new Sample(status, problem == null || problem.isEmpty() ? null : capped(problem),
                "UNSOUND".equals(status) ? unsoundLayer(r) : null,
                r.getTiming() == null ? 0 : r.getTiming().getLeanMs(),
                r.getTiming() == null ? 0 : r.getTiming().getTotalMs(),
                r.getHeaderCacheHit(), verdictCacheHit(r), r.getCompletedAtMs());
    }

    /**
     * The problem name, cut to {@value #MAX_PROBLEM_CHARS} chars: metadata may hold up to
     * request.max.metadata.bytes, and the table keeps up to stats.max.problems names.
     */
    static String capped(String problem) {
        return problem.length() <= MAX_PROBLEM_CHARS ? problem : problem.substring(0, MAX_PROBLEM_CHARS) + "…";
    }

    /** soundness.layer when the result has it (a record with a layer field, or the layer itself), else "unknown". */
    static String unsoundLayer(IndexedRecord r) {
        Object soundness = field(r, "soundness");
        Object layer = soundness instanceof IndexedRecord rec ? field(rec, "layer") : soundness;
        String text = layer == null ? "" : layer.toString().strip();
        return text.isEmpty() ? RunAggregate.UNKNOWN_LAYER : text.toLowerCase(Locale.ROOT);
    }

    /** True when the result has a verdictCache field saying "hit" (or true). */
    static boolean verdictCacheHit(IndexedRecord r) {
        Object v = field(r, "verdictCache");
        if (v instanceof IndexedRecord rec) {
            v = field(rec, "status");
        }
        return v != null && (Boolean.TRUE.equals(v) || "hit".equalsIgnoreCase(v.toString().strip()));
    }

    private static Object field(IndexedRecord r, String name) {
        Schema.Field f = r.getSchema().getField(name);
        return f == null ? null : r.get(f.pos());
    }
}
