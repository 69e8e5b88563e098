package dev.leanverify.stats;

import dev.leanverify.config.StatsSettings;
import dev.leanverify.schema.VerificationResult;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads from a result what the statistics need: its run id (or the default run), and its sample.
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

    /** The layer that refused an UNSOUND result ({@code soundness.layer}), or "unknown" when it names none. */
    static String unsoundLayer(VerificationResult r) {
        String layer = r.getSoundness() == null ? null : r.getSoundness().getLayer();
        return layer == null || layer.isBlank() ? RunAggregate.UNKNOWN_LAYER : layer.strip().toLowerCase(Locale.ROOT);
    }

    /** True when the verdict came from the verdict cache. */
    static boolean verdictCacheHit(VerificationResult r) {
        return "hit".equals(r.getVerdictCache());
    }
}
