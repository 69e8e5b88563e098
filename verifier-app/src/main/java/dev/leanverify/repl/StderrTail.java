package dev.leanverify.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a process's stderr on its own thread, so that a chatty process never blocks on a full
 * pipe, and keeps the last lines for error reports.
 */
final class StderrTail implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StderrTail.class);
    private static final int MAX_LINE_CHARS = 2000;

    private final InputStream stderr;
    private final int keepLines;
    private final String replId;
    private final Deque<String> lines = new ArrayDeque<>();
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private long totalBytes;

    StderrTail(InputStream stderr, int keepLines, String replId) {
        this.stderr = stderr;
        this.keepLines = keepLines;
        this.replId = replId;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (LOG.isTraceEnabled()) {
                    LOG.trace("{} stderr: {}", replId, line);
                }
                synchronized (this) {
                    totalBytes += line.length() + 1;
                    lines.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line);
                    while (lines.size() > keepLines) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException closed) {
            // the process is gone
        } finally {
            ended.countDown();
        }
    }

    /**
     * Waits until the process's stderr has been read to its end, at most {@code millis}: a
     * process that exited may still have its last lines in the pipe (often the reason it exited).
     */
    void awaitEnd(long millis) {
        try {
            ended.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines written, joined by line breaks; empty when there were none. */
    synchronized String tail() {
        return String.join("\n", lines);
    }

    synchronized long totalBytes() {
        return totalBytes;
    }
}
