package dev.leanverify.routing;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Chooses a partition for a proof so that one header's proofs stay on a few partitions (their
 * REPLs stay warm) while a header that dominates the traffic spreads over all of them.
 *
 * <p>Each header has a home partition (a hash of its digest) and a width {@code w}: its proofs go
 * to one of the {@code w} partitions from home on, chosen by a hash of the proof id. The width
 * follows the header's share {@code s} of recent traffic: {@code w} is {@code s × partitions}
 * rounded up to a power of two (at least 1, at most all partitions). Powers of two keep the
 * partition set stable as the share drifts (as does a 10% slack before widening), and a wider set contains the narrower one, so warm
 * REPLs stay useful when a header grows.
 */
public final class HeaderAffinityRouter {
    private final HeaderShareTracker tracker;

    /** @param window records over which traffic shares are measured (routing.window.records) */
    public HeaderAffinityRouter(int window) {
        this.tracker = new HeaderShareTracker(window);
    }

    /** The partition for a proof with the given header digest and id, among {@code partitions}. */
    public int partition(String headerDigest, String proofId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, was " + partitions);
        }
        double share = tracker.observe(headerDigest);
        int width = width(share, partitions);
        int home = Utils.toPositive(Utils.murmur2(headerDigest.getBytes(StandardCharsets.UTF_8))) % partitions;
        int offset = width == 1 ? 0
                : Utils.toPositive(Utils.murmur2(proofId.getBytes(StandardCharsets.UTF_8))) % width;
        return (home + offset) % partitions;
    }

    /** A header may load its partitions up to this much above an even share before it widens. */
    static final double SLACK = 1.1;

    static int width(double share, int partitions) {
        double wanted = Math.ceil(share * partitions / SLACK - 1e-9);
        int width = 1;
        while (width < wanted && width < partitions) {
            width <<= 1;
        }
        return Math.min(width, partitions);
    }
}
