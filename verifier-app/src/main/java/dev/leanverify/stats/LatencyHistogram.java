package dev.leanverify.stats;

import dev.leanverify.schema.LatencySketch;
import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;

/** A distribution of milliseconds kept as an HdrHistogram (2 significant digits, any range), and its wire form. */
final class LatencyHistogram {
    private static final int DIGITS = 2;

    private LatencyHistogram() {
    }

    static Histogram empty() {
        Histogram h = new Histogram(DIGITS);
        h.setAutoResize(true);
        return h;
    }

    static void record(Histogram h, long ms) {
        h.recordValue(Math.max(0, ms));
    }

    static LatencySketch toSketch(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        h.encodeIntoByteBuffer(buffer); // uncompressed: Deflater per update cost more than the bytes it saved
        buffer.flip();
        long count = h.getTotalCount();
        return LatencySketch.newBuilder()
                .setCount(count)
                .setMin(count == 0 ? 0 : h.getMinValue())
                .setMax(count == 0 ? 0 : h.getMaxValue())
                .setMean(count == 0 ? 0.0 : h.getMean())
                .setP50(count == 0 ? 0 : h.getValueAtPercentile(50))
                .setP90(count == 0 ? 0 : h.getValueAtPercentile(90))
                .setP99(count == 0 ? 0 : h.getValueAtPercentile(99))
                .setHdr(buffer)
                .build();
    }

    /** The histogram a sketch carries (empty when it carries none). */
    static Histogram fromSketch(LatencySketch sketch) {
        ByteBuffer hdr = sketch.getHdr();
        if (hdr == null || !hdr.hasRemaining()) {
            return empty();
        }
        try {
            Histogram h = Histogram.decodeFromByteBuffer(hdr.duplicate(), 0);
            h.setAutoResize(true);
            return h;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable latency histogram: " + e, e);
        }
    }
}
