package dev.leanverify.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds resident memory for the rest of the process's life, the way a Lean process holds loaded
 * modules and every environment it made. The memory is off the Java heap (direct buffers, so the
 * small heap limit of the simulator does not get in the way) and every page is written, so the
 * process's resident set really grows and memory limits and monitors see it.
 */
final class ResourceHog {
    private static final int CHUNK = 64 << 20;
    private static final int PAGE = 4096;
    private static final long MB = 1L << 20;
    private final List<ByteBuffer> held = new ArrayList<>();
    private long heldBytes;

    /** Allocates and touches {@code megabytes} more. */
    void hold(double megabytes) {
        long bytes = (long) (megabytes * MB);
        while (bytes > 0) {
            int size = (int) Math.min(bytes, CHUNK);
            ByteBuffer buffer = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < size; i += PAGE) {
                buffer.put(i, (byte) 1);
            }
            held.add(buffer);
            heldBytes += size;
            bytes -= size;
        }
    }

    /** A runaway allocation: grows by {@code megabytesPerSecond}, ten steps a second, forever. */
    void growForever(double megabytesPerSecond) throws InterruptedException {
        double step = megabytesPerSecond / 10;
        while (true) {
            long start = System.nanoTime();
            hold(step);
            long left = 100_000_000L - (System.nanoTime() - start);
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }

    long heldBytes() {
        return heldBytes;
    }
}
