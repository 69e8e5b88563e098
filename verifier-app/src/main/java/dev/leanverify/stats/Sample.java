package dev.leanverify.stats;

import java.util.Objects;

/**
 * What the run statistics need of one result, and nothing more: the value of the internal
 * repartition topic that brings a run's results to the task owning its aggregate (a result with
 * its messages and infotree would be far larger).
 *
 * @param status          the result's status name
 * @param problem         the problem the sample belongs to, or null when the metadata names none
 * @param unsoundLayer    for an UNSOUND result, the layer that refused it ("unknown" if it names none); else null
 * @param leanMs          timing.leanMs
 * @param totalMs         timing.totalMs (end to end)
 * @param headerCacheHit  the import header was already loaded
 * @param verdictCacheHit the verdict came from a verdict cache
 * @param completedAtMs   when the result was made (epoch ms)
 */
public record Sample(String status, String problem, String unsoundLayer, long leanMs, long totalMs,
                     boolean headerCacheHit, boolean verdictCacheHit, long completedAtMs) {
    public Sample {
        Objects.requireNonNull(status, "status");
    }

    public boolean verified() {
        return "VERIFIED".equals(status);
    }
}
