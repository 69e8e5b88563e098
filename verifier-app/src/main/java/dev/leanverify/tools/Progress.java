package dev.leanverify.tools;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how a long job advances: a redrawn bar (count, rate, ETA) on a terminal, plain periodic
 * lines otherwise (so logs and CI output stay readable). Written by hand: a bar is a few lines.
 */
public final class Progress {
    private final PrintWriter out;
    private final String what;
    private final long total;
    private final boolean terminal;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastShown;
    private long done;
    private long shownDone = -1;

    public Progress(PrintWriter out, String what, long total, boolean terminal, Duration interval) {
        this.out = out;
        this.what = what;
        this.total = total;
        this.terminal = terminal;
        this.intervalNanos = interval.toNanos();
        this.lastShown = start;
    }

    /** A progress display for the terminal if there is one, else lines every 5 s. */
    public static Progress to(PrintWriter out, String what, long total) {
        boolean terminal = System.console() != null && System.getenv("CI") == null;
        return new Progress(out, what, total, terminal, terminal ? Duration.ofMillis(200) : Duration.ofSeconds(5));
    }

    public void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (now - lastShown >= intervalNanos || done == total) {
            lastShown = now;
            show(now);
        }
    }

    public long done() {
        return done;
    }

    /** Ends the display with a final line. */
    public void finish() {
        if (shownDone != done) {
            show(System.nanoTime());
        }
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void show(long now) {
        shownDone = done;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        String eta = rate > 0 && total > done ? formatSeconds((total - done) / rate) : "-";
        String counts = total > 0 ? done + "/" + total : Long.toString(done);
        String line = String.format(Locale.ROOT, "%s %s  %.1f/s  elapsed %s  ETA %s", what, counts, rate,
                formatSeconds(seconds), eta);
        if (terminal) {
            int width = 30;
            int filled = total > 0 ? (int) Math.min(width, width * done / total) : 0;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String formatSeconds(double s) {
        long total = Math.round(s);
        return total >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", total / 3600, total % 3600 / 60)
                : total >= 60 ? String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60) : total + "s";
    }
}
