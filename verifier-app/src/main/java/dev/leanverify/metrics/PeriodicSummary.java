package dev.leanverify.metrics;

import dev.leanverify.verify.ThreadVerifiers;
import dev.leanverify.verify.ProofStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, at info and every interval in which something happened, what the instance did since the
 * last line: proofs by status, rate, mean Lean time, header-cache hit ratio. One line per proof
 * is at debug; this is the line operators read.
 */
public final class PeriodicSummary implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicSummary.class);
    private final VerifierMetrics metrics;
    private final ThreadVerifiers verifiers;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private VerifierMetrics.Totals last;

    public PeriodicSummary(VerifierMetrics metrics, ThreadVerifiers verifiers, Duration interval) {
        this.metrics = metrics;
        this.verifiers = verifiers;
        this.interval = interval;
        this.last = metrics.totals(verifiers);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leanverify-summary");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::logOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void logOnce() {
        try {
            VerifierMetrics.Totals now = metrics.totals(verifiers);
            String line = describe(last, now, interval);
            last = now;
            if (line != null) {
                LOG.info(line);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not write the periodic summary", e);
        }
    }

    /** The summary of what happened between two totals, or null when nothing did. */
    static String describe(VerifierMetrics.Totals before, VerifierMetrics.Totals after, Duration interval) {
        long proofs = after.proofs() - before.proofs();
        if (proofs <= 0) {
            return null;
        }
        StringJoiner statuses = new StringJoiner(", ");
        for (Map.Entry<ProofStatus, Long> e : after.byStatus().entrySet()) {
            long n = e.getValue() - before.byStatus().getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                statuses.add(n + " " + e.getKey());
            }
        }
        long leanCount = after.leanCount() - before.leanCount();
        double leanMs = leanCount == 0 ? 0 : 1000 * (after.leanSeconds() - before.leanSeconds()) / leanCount;
        double lookups = (after.hits() - before.hits()) + (after.misses() - before.misses());
        double hitRatio = lookups == 0 ? 0 : (after.hits() - before.hits()) / lookups;
        return String.format(Locale.ROOT, "last %d s: %d proof(s) (%s), %.1f/s, mean Lean time %.0f ms,"
                        + " header cache hit %.0f%%", interval.toSeconds(), proofs, statuses,
                proofs / (double) interval.toSeconds(), leanMs, 100 * hitRatio);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
