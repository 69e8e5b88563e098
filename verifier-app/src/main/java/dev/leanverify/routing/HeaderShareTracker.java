package dev.leanverify.routing;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Estimates each header's share of recent traffic with exponentially decaying counts: a record
 * seen {@code window} records ago weighs 1/e of a new one. Early on, shares are measured against
 * the records seen so far: the first header of a run counts as dominant and spreads wide, which
 * costs a few cold REPLs but never serializes a small run on one partition. Thread-safe; hand-written because the decay needs a per-record update no cache library offers.
 */
final class HeaderShareTracker {
    private static final int MAX_HEADERS = 10_000;
    private final double decayPerRecord;
    private final Map<String, double[]> weights = new HashMap<>();
    private double increment = 1.0;
    private double total;

    HeaderShareTracker(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the routing window must be at least 1 record, was " + window);
        }
        this.decayPerRecord = Math.exp(1.0 / window);
    }

    /** Counts one record of {@code header} and returns the header's current share, in [0, 1]. */
    synchronized double observe(String header) {
        // Instead of decaying every count, grow the weight of new records; rescale now and then.
        increment *= decayPerRecord;
        total += increment;
        double[] w = weights.computeIfAbsent(header, h -> new double[1]);
        w[0] += increment;
        if (increment > 1e100) {
            rescale();
        }
        if (weights.size() > MAX_HEADERS) {
            forgetSmallest();
        }
        return Math.min(1.0, w[0] / total);
    }

    /** The current share of a header without counting a record; 0 for an unknown one. */
    synchronized double share(String header) {
        double[] w = weights.get(header);
        return w == null || total == 0 ? 0 : Math.min(1.0, w[0] / total);
    }

    /** Whether the header is still tracked (headers with a tiny weight are forgotten). */
    synchronized boolean tracks(String header) {
        return weights.containsKey(header);
    }

    private void rescale() {
        double factor = 1.0 / increment;
        for (double[] w : weights.values()) {
            w[0] *= factor;
        }
        total *= factor;
        increment = 1.0;
    }

    private void forgetSmallest() {
        double threshold = total / (MAX_HEADERS * 10.0);
        for (Iterator<double[]> it = weights.values().iterator(); it.hasNext(); ) {
            if (it.next()[0] < threshold) {
                it.remove();
            }
        }
    }
}
