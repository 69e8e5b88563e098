package dev.leanverify.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/** A distribution of durations in milliseconds: percentiles (HdrHistogram, 3 significant digits) and the sorted values for charts. */
record Latencies(double p50, double p90, double p99, double max, double mean, double[] sortedMs) {

    static Latencies of(double[] valuesMs) {
        double[] sorted = valuesMs.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Latencies(0, 0, 0, 0, 0, sorted);
        }
        Histogram h = new Histogram(3);
        for (double v : sorted) {
            h.recordValue(Math.max(0, Math.round(v * 1000))); // microseconds
        }
        return new Latencies(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0),
                sorted);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    ObjectNode toJson() {
        return toJson(1);
    }

    /** The same with three decimals, for sub-millisecond figures. */
    ObjectNode toJson3() {
        return toJson(3);
    }

    private ObjectNode toJson(int decimals) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("p50", round(p50, decimals));
        o.put("p90", round(p90, decimals));
        o.put("p99", round(p99, decimals));
        o.put("max", round(max, decimals));
        o.put("mean", round(mean, decimals));
        return o;
    }

    static double round(double v) {
        return round(v, 1);
    }

    static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latencies l && p50 == l.p50 && p90 == l.p90 && p99 == l.p99 && max == l.max
                && mean == l.mean && Arrays.equals(sortedMs, l.sortedMs);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p50) * 31 + Arrays.hashCode(sortedMs);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "p50 %.1f p90 %.1f p99 %.1f max %.1f ms", p50, p90, p99, max);
    }
}
