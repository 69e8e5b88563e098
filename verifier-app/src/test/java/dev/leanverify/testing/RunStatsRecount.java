package dev.leanverify.testing;

import dev.leanverify.schema.LatencySketch;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.stats.PassAtKEstimator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The statistics of a run recomputed by the tests from committed results, written out plainly
 * (no code shared with the aggregation but the pass@k formula, which has its own hand-checked
 * test), to compare with what the service aggregated.
 */
public final class RunStatsRecount {
    public final long results;
    public final Map<String, Long> statusCounts = new TreeMap<>();
    public final long verified;
    public final double passRate;
    /** problem -> {samples, verified}. */
    public final Map<String, long[]> problems = new HashMap<>();
    public final long resultsWithoutProblem;
    public final long headerCacheHits;
    public final long verdictCacheHits;
    public final long firstResultAtMs;
    public final long lastResultAtMs;
    public final Histogram leanMs = new Histogram(2);
    public final Histogram totalMs = new Histogram(2);

    public RunStatsRecount(Collection<VerificationResult> results, String problemKey) {
        this.results = results.size();
        long ok = 0;
        long noProblem = 0;
        long hits = 0;
        long verdictHits = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (VerificationResult r : results) {
            statusCounts.merge(r.getStatus().name(), 1L, Long::sum);
            boolean passed = r.getStatus() == VerificationStatus.VERIFIED;
            ok += passed ? 1 : 0;
            String problem = r.getMetadata().get(problemKey);
            if (problem == null) {
                noProblem++;
            } else {
                long[] o = problems.computeIfAbsent(problem, p -> new long[2]);
                o[0]++;
                o[1] += passed ? 1 : 0;
            }
            hits += r.getHeaderCacheHit() ? 1 : 0;
            verdictHits += "hit".equals(r.getVerdictCache()) ? 1 : 0;
            first = Math.min(first, r.getCompletedAtMs());
            last = Math.max(last, r.getCompletedAtMs());
            leanMs.recordValue(r.getTiming().getLeanMs());
            totalMs.recordValue(r.getTiming().getTotalMs());
        }
        verified = ok;
        passRate = results.isEmpty() ? 0 : (double) ok / results.size();
        resultsWithoutProblem = noProblem;
        headerCacheHits = hits;
        verdictCacheHits = verdictHits;
        firstResultAtMs = results.isEmpty() ? 0 : first;
        lastResultAtMs = last;
    }

    /** Mean pass@k over those of {@code among} with at least k samples, or null when there are none. */
    public Double passAtK(int k, java.util.Set<String> among) {
        List<Double> values = new ArrayList<>();
        problems.entrySet().stream().filter(e -> among.contains(e.getKey())).map(Map.Entry::getValue)
                .filter(o -> o[0] >= k).forEach(o -> values.add(PassAtKEstimator.estimate(o[0], o[1], k)));
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    /** Whether a sketch carries the same figures as this histogram. */
    public static String differences(String name, LatencySketch s, Histogram h) {
        StringBuilder d = new StringBuilder();
        check(d, name + ".count", s.getCount(), h.getTotalCount());
        check(d, name + ".min", s.getMin(), h.getMinValue());
        check(d, name + ".max", s.getMax(), h.getMaxValue());
        check(d, name + ".p50", s.getP50(), h.getValueAtPercentile(50));
        check(d, name + ".p90", s.getP90(), h.getValueAtPercentile(90));
        check(d, name + ".p99", s.getP99(), h.getValueAtPercentile(99));
        if (Math.abs(s.getMean() - h.getMean()) > 1e-9) {
            d.append(name).append(".mean ").append(s.getMean()).append(" != ").append(h.getMean()).append("; ");
        }
        return d.toString();
    }

    private static void check(StringBuilder d, String name, long got, long expected) {
        if (got != expected) {
            d.append(name).append(' ').append(got).append(" != ").append(expected).append("; ");
        }
    }
}
