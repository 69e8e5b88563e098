package dev.leanverify.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the REPL's stdout on its own thread and hands over each response (the lines up to a
 * blank line) through a queue, so the caller can wait with a deadline and watch the process
 * meanwhile; a blocking read on the caller's thread could not be timed out.
 */
final class ResponseReader implements Runnable {

    /** One frame of output: a response, or the end of the stream with what was read of it. */
    record Frame(String text, boolean endOfStream, boolean oversized) {
    }

    private final InputStream stdout;
    private final int maxBytes;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

    ResponseReader(InputStream stdout, int maxBytes) {
        this.stdout = stdout;
        this.maxBytes = maxBytes;
    }

    @Override
    public void run() {
        // Reads characters in chunks rather than lines: a runaway process printing one endless
        // line must not make this thread buffer it all.
        StringBuilder frame = new StringBuilder();
        StringBuilder line = new StringBuilder();
        boolean oversized = false;
        char[] buffer = new char[1 << 16];
        try (InputStreamReader reader = new InputStreamReader(stdout, StandardCharsets.UTF_8)) {
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c != '\n') {
                        if (!oversized) {
                            line.append(c);
                            if (frame.length() + line.length() > maxBytes) {
                                oversized = true;
                                line.setLength(0);
                            }
                        }
                        continue;
                    }
                    if (isBlank(line) && !oversized) {
                        if (frame.length() > 0) {
                            frames.add(new Frame(frame.toString(), false, false));
                            frame.setLength(0);
                        }
                    } else if (isBlank(line) && oversized) {
                        frames.add(new Frame(frame.substring(0, Math.min(frame.length(), 200)), false, true));
                        frame.setLength(0);
                        oversized = false;
                    } else if (!oversized) {
                        frame.append(line).append('\n');
                    }
                    line.setLength(0);
                }
            }
        } catch (IOException closed) {
            // stream closed under us: end of stream below
        }
        frame.append(line);
        frames.add(new Frame(oversized ? frame.substring(0, Math.min(frame.length(), 200)) : frame.toString(),
                true, oversized));
    }

    private static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The next frame, or null if none arrived within the wait. */
    Frame poll(long waitNanos) throws InterruptedException {
        return frames.poll(waitNanos, TimeUnit.NANOSECONDS);
    }
}
