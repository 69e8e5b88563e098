package dev.leanverify.stats;

import dev.leanverify.schema.PassAtK;
import dev.leanverify.schema.ProblemOutcome;
import dev.leanverify.schema.RunStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The running statistics of one run while they are being aggregated: raw counts and histograms
 * that each result adds to, and the derived figures (pass rate, pass@k) computed when the
 * {@link RunStats} record is made. Mutable, owned by one stream task at a time.
 */
public final class RunAggregate {
    static final String UNKNOWN_LAYER = "unknown";

    private final String runId;
    private final int maxProblems;
    private long results;
    private final Map<String, Long> statusCounts = new TreeMap<>();
    private final Map<String, Long> unsoundByLayer = new TreeMap<>();
    private final Map<String, long[]> problems = new HashMap<>();
    private int problemCount;
    private boolean problemsTruncated;
    private long untrackedResults;
    private long resultsWithoutProblem;
    private final Histogram leanMs;
    private final Histogram totalMs;
    private long headerCacheHits;
    private long verdictCacheHits;
    private long firstResultAtMs;
    private long lastResultAtMs;

    private RunAggregate(String runId, int maxProblems, Histogram leanMs, Histogram totalMs) {
        this.runId = Objects.requireNonNull(runId, "runId");
        if (maxProblems < 1) {
            throw new IllegalArgumentException("maxProblems must be at least 1, got " + maxProblems);
        }
        this.maxProblems = maxProblems;
        this.leanMs = leanMs;
        this.totalMs = totalMs;
    }

    /** An empty aggregate of a run. */
    public static RunAggregate empty(String runId, int maxProblems) {
        return new RunAggregate(runId, maxProblems, LatencyHistogram.empty(), LatencyHistogram.empty());
    }

    /**
     * Where a run's per-problem outcomes ({samples, verified}) are kept: in the aggregate itself
     * (tests, assembled views) or in a store of their own, so that an update does not rewrite
     * the whole table.
     */
    public interface ProblemTable {
        /** The outcome of a problem, or null when it is not in the table. */
        long[] get(String problem);

        void put(String problem, long[] outcome);
    }

    /** Counts one result of this run, its problem in this aggregate's own table. */
    public RunAggregate add(Sample s) {
        return add(s, new ProblemTable() {
            @Override
            public long[] get(String problem) {
                return problems.get(problem);
            }

            @Override
            public void put(String problem, long[] outcome) {
                problems.put(problem, outcome);
            }
        });
    }

    /** Counts one result of this run, its problem in {@code table}. */
    public RunAggregate add(Sample s, ProblemTable table) {
        results++;
        statusCounts.merge(s.status(), 1L, Long::sum);
        if (s.unsoundLayer() != null) {
            unsoundByLayer.merge(s.unsoundLayer(), 1L, Long::sum);
        }
        if (s.problem() == null) {
            resultsWithoutProblem++;
        } else {
            long[] outcome = table.get(s.problem());
            if (outcome == null && problemCount >= maxProblems) {
                problemsTruncated = true;
                untrackedResults++;
            } else {
                if (outcome == null) {
                    outcome = new long[2];
                    problemCount++;
                }
                outcome[0]++;
                if (s.verified()) {
                    outcome[1]++;
                }
                table.put(s.problem(), outcome);
            }
        }
        LatencyHistogram.record(leanMs, s.leanMs());
        LatencyHistogram.record(totalMs, s.totalMs());
        headerCacheHits += s.headerCacheHit() ? 1 : 0;
        verdictCacheHits += s.verdictCacheHit() ? 1 : 0;
        firstResultAtMs = results == 1 ? s.completedAtMs() : Math.min(firstResultAtMs, s.completedAtMs());
        lastResultAtMs = Math.max(lastResultAtMs, s.completedAtMs());
        return this;
    }

    public String runId() {
        return runId;
    }

    public long results() {
        return results;
    }

    /** The record written to the stats topic and served over HTTP, with pass rate and pass@k for these k. */
    public RunStats toRecord(List<Integer> ks) {
        return toRecord(ks, problems);
    }

    /** As {@link #toRecord(List)}, with the per-problem table kept apart from the aggregate. */
    public RunStats toRecord(List<Integer> ks, Map<String, long[]> problems) {
        long verified = statusCounts.getOrDefault("VERIFIED", 0L);
        Map<String, ProblemOutcome> table = new HashMap<>(problems.size() * 2);
        problems.forEach((p, o) -> table.put(p, new ProblemOutcome(o[0], o[1])));
        List<PassAtK> passAtK = new ArrayList<>(ks.size());
        for (int k : ks) {
            double sum = 0;
            long counted = 0;
            for (long[] o : problems.values()) {
                if (o[0] >= k) {
                    sum += PassAtKEstimator.estimate(o[0], o[1], k);
                    counted++;
                }
            }
            passAtK.add(new PassAtK(k, counted == 0 ? null : sum / counted, counted));
        }
        return RunStats.newBuilder()
                .setRunId(runId)
                .setResults(results)
                .setStatusCounts(new HashMap<>(statusCounts))
                .setVerified(verified)
                .setPassRate(results == 0 ? 0.0 : (double) verified / results)
                .setUnsoundByLayer(new HashMap<>(unsoundByLayer))
                .setProblems(table)
                .setProblemCount(problemCount)
                .setProblemsTruncated(problemsTruncated)
                .setUntrackedResults(untrackedResults)
                .setResultsWithoutProblem(resultsWithoutProblem)
                .setPassAtK(passAtK)
                .setLeanMs(LatencyHistogram.toSketch(leanMs))
                .setTotalMs(LatencyHistogram.toSketch(totalMs))
                .setHeaderCacheHits(headerCacheHits)
                .setVerdictCacheHits(verdictCacheHits)
                .setFirstResultAtMs(firstResultAtMs)
                .setLastResultAtMs(lastResultAtMs)
                .build();
    }

    /** The aggregate a record describes (its derived figures are recomputed, not read). */
    public static RunAggregate fromRecord(RunStats r, int maxProblems) {
        RunAggregate a = new RunAggregate(r.getRunId(), maxProblems, LatencyHistogram.fromSketch(r.getLeanMs()),
                LatencyHistogram.fromSketch(r.getTotalMs()));
        a.results = r.getResults();
        a.statusCounts.putAll(r.getStatusCounts());
        a.unsoundByLayer.putAll(r.getUnsoundByLayer());
        r.getProblems().forEach((p, o) -> a.problems.put(p, new long[] {o.getSamples(), o.getVerified()}));
        a.problemCount = Math.max(r.getProblemCount(), a.problems.size());
        a.problemsTruncated = r.getProblemsTruncated();
        a.untrackedResults = r.getUntrackedResults();
        a.resultsWithoutProblem = r.getResultsWithoutProblem();
        a.headerCacheHits = r.getHeaderCacheHits();
        a.verdictCacheHits = r.getVerdictCacheHits();
        a.firstResultAtMs = r.getFirstResultAtMs();
        a.lastResultAtMs = r.getLastResultAtMs();
        return a;
    }
}
