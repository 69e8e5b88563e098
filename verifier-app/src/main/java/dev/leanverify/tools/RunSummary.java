package dev.leanverify.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers an RL team looks at after a run: results by status, pass rate, Lean time and
 * end-to-end latency percentiles, header-cache hit ratio, and UNSOUND results by the strict layer that
 * refused them (axioms, statement, finding, replay: reward hacking by kind), and the verdict cache's
 * hits with the Lean seconds they saved (the original runs' Lean time).
 */
public record RunSummary(String runId, int results, Map<VerificationStatus, Integer> byStatus, double passRate,
                         Percentiles leanMs, Percentiles totalMs, double headerCacheHitRatio, boolean simulated,
                         long expected, int duplicates, int unreadable, Map<String, Integer> unsoundByLayer,
                         int verdictCacheHits, double leanSecondsSaved) {

    public RunSummary(String runId, int results, Map<VerificationStatus, Integer> byStatus, double passRate,
                      Percentiles leanMs, Percentiles totalMs, double headerCacheHitRatio, boolean simulated,
                      long expected, int duplicates, int unreadable, Map<String, Integer> unsoundByLayer) {
        this(runId, results, byStatus, passRate, leanMs, totalMs, headerCacheHitRatio, simulated, expected, duplicates,
                unreadable, unsoundByLayer, 0, 0);
    }

    /** p50, p90, p99 and max of a set of durations in milliseconds. */
    public record Percentiles(long p50, long p90, long p99, long max) {
        static Percentiles of(long[] values) {
            if (values.length == 0) {
                return new Percentiles(0, 0, 0, 0);
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1]);
        }

        /** Nearest-rank percentile. */
        static long at(long[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    public static RunSummary of(String runId, List<VerificationResult> results, long expected, int duplicates,
                                int unreadable) {
        Map<VerificationStatus, Integer> byStatus = new EnumMap<>(VerificationStatus.class);
        Map<String, Integer> unsoundByLayer = new java.util.TreeMap<>();
        int hits = 0;
        int verdictHits = 0;
        long savedMs = 0;
        int cacheable = 0;
        boolean simulated = false;
        long[] lean = new long[results.size()];
        long[] total = new long[results.size()];
        for (int i = 0; i < results.size(); i++) {
            VerificationResult r = results.get(i);
            byStatus.merge(r.getStatus(), 1, Integer::sum);
            if (r.getStatus() == VerificationStatus.UNSOUND) {
                String layer = r.getSoundness() == null || r.getSoundness().getLayer() == null ? "unknown"
                        : r.getSoundness().getLayer();
                unsoundByLayer.merge(layer, 1, Integer::sum);
            }
            lean[i] = r.getTiming().getLeanMs();
            total[i] = r.getTiming().getTotalMs();
            if (r.getReplId() != null) {
                cacheable++;
                hits += r.getHeaderCacheHit() ? 1 : 0;
            }
            simulated |= "simulated".equals(r.getLeanVersion());
            if ("hit".equals(r.getVerdictCache())) {
                verdictHits++;
                savedMs += r.getOriginalLeanMs() == null ? 0 : r.getOriginalLeanMs();
            }
        }
        double passRate = results.isEmpty() ? 0 : byStatus.getOrDefault(VerificationStatus.VERIFIED, 0) / (double) results.size();
        return new RunSummary(runId, results.size(), byStatus, passRate, Percentiles.of(lean), Percentiles.of(total),
                cacheable == 0 ? 0 : hits / (double) cacheable, simulated, expected, duplicates, unreadable,
                unsoundByLayer, verdictHits, savedMs / 1000.0);
    }

    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "run %s: %d result(s)%s%n", runId, results,
                expected >= 0 ? " of " + expected + " expected" : ""));
        byStatus.forEach((status, n) -> s.append(String.format(Locale.ROOT, "  %-16s %6d  %5.1f%%%n", status, n,
                100.0 * n / Math.max(1, results))));
        unsoundByLayer.forEach((layer, n) -> s.append(String.format(Locale.ROOT, "    UNSOUND by %-9s %4d%n", layer,
                n)));
        s.append(String.format(Locale.ROOT, "  pass rate        %5.1f%%%n", 100 * passRate));
        s.append(String.format(Locale.ROOT, "  Lean time ms     p50 %d  p90 %d  p99 %d  max %d%n", leanMs.p50(),
                leanMs.p90(), leanMs.p99(), leanMs.max()));
        s.append(String.format(Locale.ROOT, "  end-to-end ms    p50 %d  p90 %d  p99 %d  max %d%n", totalMs.p50(),
                totalMs.p90(), totalMs.p99(), totalMs.max()));
        s.append(String.format(Locale.ROOT, "  header cache hit %5.1f%%%n", 100 * headerCacheHitRatio));
        s.append(String.format(Locale.ROOT, "  verdict cache    %d hit(s) (%.1f%%), Lean seconds saved %.1f%n",
                verdictCacheHits, 100.0 * verdictCacheHits / Math.max(1, results), leanSecondsSaved));
        if (duplicates > 0 || unreadable > 0) {
            s.append(String.format(Locale.ROOT, "  WARNING: %d duplicate result(s), %d unreadable record(s)%n",
                    duplicates, unreadable));
        }
        if (simulated) {
            s.append("  (Lean was SIMULATED: a test double answered, not real Lean)").append(System.lineSeparator());
        }
        return s.toString();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("runId", runId);
        o.put("results", results);
        o.put("expected", expected);
        ObjectNode statuses = o.putObject("byStatus");
        byStatus.forEach((status, n) -> statuses.put(status.name(), n));
        ObjectNode layers = o.putObject("unsoundByLayer");
        unsoundByLayer.forEach(layers::put);
        o.put("passRate", passRate);
        o.set("leanMs", percentiles(mapper, leanMs));
        o.set("endToEndMs", percentiles(mapper, totalMs));
        o.put("headerCacheHitRatio", headerCacheHitRatio);
        o.put("verdictCacheHits", verdictCacheHits);
        o.put("leanSecondsSaved", leanSecondsSaved);
        o.put("duplicates", duplicates);
        o.put("unreadable", unreadable);
        o.put("simulatedLean", simulated);
        return o;
    }

    private static ObjectNode percentiles(ObjectMapper mapper, Percentiles p) {
        ObjectNode o = mapper.createObjectNode();
        o.put("p50", p.p50());
        o.put("p90", p.p90());
        o.put("p99", p.p99());
        o.put("max", p.max());
        return o;
    }
}
