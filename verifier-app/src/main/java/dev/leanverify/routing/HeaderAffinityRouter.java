package dev.leanverify.routing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * Chooses a partition for a proof so that one header's proofs stay on a few partitions (their
 * REPLs stay warm) while a header that dominates the traffic spreads over all of them.
 *
 * <p>Each header has a home partition and a width {@code w}: its proofs go to the {@code w}
 * partitions from home on, chosen by a hash of the proof's body, so that the same code always
 * meets the same partition and its verdict cache (a hash spreads distinct bodies as evenly as
 * round-robin did, within noise). The width follows the header's share {@code s} of recent
 * traffic: {@code w} is {@code s × partitions / 1.5} rounded up to a power of two (at least 1; all
 * partitions once that passes half of them). A header widens only when its partitions would carry
 * 50% more than an even share: with that slack, headers whose share is about one partition's
 * worth (16 equal headers on 16 partitions) keep one partition each instead of flipping to two
 * with every random run of records. Powers of two keep the partition set stable as the share
 * drifts, and a wider set contains the narrower one, so warm REPLs stay useful when a header grows.
 * A second, short window over the last {@value #SHORT_WINDOW} records catches a header that takes
 * over the traffic from another (a new run, the next dataset): once it has a quarter of the recent
 * records it spreads as that share says, within about a hundred records, instead of queueing on
 * one or two partitions until the long window has forgotten the old header.
 *
 * <p>A header's home is chosen when it is first seen, as the partition where the fewest headers
 * in use are already homed (ties broken from a hash of the header), and kept while the header
 * stays in use. Hashing alone would pile several rare headers on one partition, whose thread
 * would then thrash its few warm REPLs while other threads idle; weighing homes by the shares
 * seen in the first records of a run piles them too, since those shares are mostly noise. The
 * choice depends on what this router has seen, so two routers (two instances) may home a header
 * differently; that costs a cold REPL, never correctness.
 */
public final class HeaderAffinityRouter {
    /** A header may load its partitions up to this much above an even share before it widens. */
    static final double SLACK = 1.5;
    /** The short window widens a header only from this share of the recent records on (a takeover, not noise). */
    static final double TAKEOVER_SHARE = 0.25;
    /** Headers below this share of the long window no longer count as homed anywhere. */
    private static final double IN_USE_SHARE = 1e-3;
    private static final int MAX_HOMES = 10_000;
    /** Records in the short window, which notices a new dominant header quickly. */
    static final int SHORT_WINDOW = 100;

    private final HeaderShareTracker tracker;
    private final HeaderShareTracker recent;
    private final Map<String, Home> homes = new HashMap<>();
    private int homedFor = -1;

    /** Where a header lives, and where its next proof goes within its width. */
    private static final class Home {
        final int partition;

        Home(int partition) {
            this.partition = partition;
        }
    }

    /** @param window records over which traffic shares are measured (routing.window.records) */
    public HeaderAffinityRouter(int window) {
        this.tracker = new HeaderShareTracker(window);
        this.recent = new HeaderShareTracker(Math.min(window, SHORT_WINDOW));
    }

    /**
     * The partition for a proof with the given header digest, among {@code partitions}.
     *
     * @param body the proof's body (after the header): equal bodies of one header go to one partition
     */
    public synchronized int partition(String headerDigest, String body, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, was " + partitions);
        }
        if (partitions != homedFor) {
            homes.clear(); // the topic was resized: choose homes afresh
            homedFor = partitions;
        }
        double share = tracker.observe(headerDigest);
        double recentShare = recent.observe(headerDigest);
        int width = width(share, partitions);
        if (recentShare >= TAKEOVER_SHARE) {
            width = Math.max(width, width(recentShare, partitions));
        }
        Home home = homes.get(headerDigest);
        if (home == null) {
            if (homes.size() >= MAX_HOMES) {
                homes.keySet().removeIf(h -> !tracker.tracks(h));
            }
            home = new Home(leastLoaded(headerDigest, partitions));
            homes.put(headerDigest, home);
        }
        int offset = width == 1 ? 0
                : Utils.toPositive(Utils.murmur2(body.getBytes(StandardCharsets.UTF_8))) % width;
        return (home.partition + offset) % partitions;
    }

    /** The partition where the fewest headers in use are homed, scanning from the header's hash. */
    private int leastLoaded(String headerDigest, int partitions) {
        int[] homed = new int[partitions];
        for (Map.Entry<String, Home> e : homes.entrySet()) {
            if (tracker.share(e.getKey()) >= IN_USE_SHARE) {
                homed[e.getValue().partition]++;
            }
        }
        int start = Utils.toPositive(Utils.murmur2(headerDigest.getBytes(StandardCharsets.UTF_8))) % partitions;
        int best = start;
        for (int i = 1; i < partitions; i++) {
            int p = (start + i) % partitions;
            if (homed[p] < homed[best]) {
                best = p;
            }
        }
        return best;
    }

    static int width(double share, int partitions) {
        double wanted = Math.ceil(share * partitions / SLACK - 1e-9);
        if (wanted > partitions / 2.0) {
            return partitions; // no power of two is needed for all of them (6 partitions: 6, not 4)
        }
        int width = 1;
        while (width < wanted && width < partitions) {
            width <<= 1;
        }
        return Math.min(width, partitions);
    }
}
