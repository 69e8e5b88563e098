package dev.leanverify.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Settings of the live run statistics: which metadata keys name a run and a problem, the pass@k
 * values, the bound on the per-problem table, the stats topic, and the host other instances use
 * to forward interactive queries to this one.
 *
 * @param enabled        aggregate results into per-run statistics at all
 * @param topic          the compacted topic the aggregates are written to, keyed by run id
 * @param runKey         metadata key holding the run id
 * @param defaultRun     run id for results whose metadata has none
 * @param problemKey     metadata key holding the problem a sample belongs to
 * @param passAtK        the k values of pass@k, ascending
 * @param maxProblems    at most this many problems are tracked per run (then the aggregate is flagged)
 * @param windowed       also count results per run in 1-minute windows
 * @param advertisedHost the host name other instances reach this one's HTTP endpoint at
 * @param gaugeMaxRuns   at most this many runs get a Prometheus pass-rate gauge
 */
public record StatsSettings(boolean enabled, String topic, String runKey, String defaultRun, String problemKey,
                            List<Integer> passAtK, int maxProblems, boolean windowed, String advertisedHost,
                            int gaugeMaxRuns) {

    public static final Set<String> KEYS = Set.of("stats.enabled", "topics.stats", "stats.run.key",
            "stats.default.run", "stats.problem.key", "stats.pass.at.k", "stats.max.problems", "stats.windowed",
            "stats.advertised.host", "stats.gauge.max.runs");

    public StatsSettings {
        passAtK = List.copyOf(passAtK);
    }

    public static StatsSettings from(Settings s) {
        String defaultRun = s.string("stats.default.run", "unassigned");
        if (defaultRun.isBlank() || defaultRun.contains("/")) {
            throw new ConfigException("stats.default.run must be a non-empty run id without '/' (it is part of the"
                    + " URL /runs/{runId}), got '" + defaultRun + "'");
        }
        return new StatsSettings(
                s.bool("stats.enabled", true),
                s.string("topics.stats", "lean.stats"),
                nonBlank(s, "stats.run.key", "run_id"),
                defaultRun,
                nonBlank(s, "stats.problem.key", "problem"),
                passAtK(s.string("stats.pass.at.k", "1,5,10")),
                s.integer("stats.max.problems", 10_000, 1, 1_000_000),
                s.bool("stats.windowed", false),
                advertisedHost(s),
                s.integer("stats.gauge.max.runs", 20, 0, 1000));
    }

    /**
     * stats.advertised.host, else the metrics bind address when it names one interface, else this
     * machine's address (a container's own IP under Docker Compose or Kubernetes).
     */
    private static String advertisedHost(Settings s) {
        String given = s.string("stats.advertised.host", "");
        if (!given.isBlank()) {
            return given.strip();
        }
        String bind = s.string("metrics.bind.address", "0.0.0.0");
        if (!bind.equals("0.0.0.0") && !bind.equals("::") && !bind.isBlank()) {
            return bind;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static String nonBlank(Settings s, String key, String defaultValue) {
        String value = s.string(key, defaultValue);
        if (value.isBlank()) {
            throw new ConfigException(key + " must not be empty");
        }
        return value;
    }

    static List<Integer> passAtK(String text) {
        List<Integer> ks = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            int k;
            try {
                k = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new ConfigException("stats.pass.at.k must be a comma-separated list of integers from 1 to 1000,"
                        + " got '" + text + "'");
            }
            if (k < 1 || k > 1000) {
                throw new ConfigException("stats.pass.at.k values must be from 1 to 1000, got " + k);
            }
            if (!ks.contains(k)) {
                ks.add(k);
            }
        }
        ks.sort(null);
        return ks;
    }
}
