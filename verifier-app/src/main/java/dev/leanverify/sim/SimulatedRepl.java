package dev.leanverify.sim;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A simulated Lean REPL: a TEST DOUBLE, not Lean. It runs as a process of its own and speaks the
 * leanprover-community/repl protocol on stdin/stdout, so that the verifier's REPL driver, pool and
 * timeouts can be tested and benchmarked on machines without a Lean toolchain.
 *
 * <p>It answers from recordings of real Lean where it can (REPL transcripts replayed request by
 * request, Goedel workbook proofs with their recorded messages and scaled cost) and by simple rules
 * otherwise ({@code sorry} is reported, anything else is accepted). It costs what Lean costs: import
 * headers burn CPU and hold resident memory once per process, proofs burn CPU. And it fails the way
 * Lean fails when a command asks it to with {@code -- sim: DIRECTIVE} comments: crashes, hangs,
 * garbage output, stderr floods, runaway memory, child processes, files and sockets.
 *
 * <p>Nothing but responses goes to stdout; a banner and diagnostics go to stderr. Start it with
 * {@link SimulatedReplCommand}.
 */
public final class SimulatedRepl {
    static final String BANNER = "leanverify simulated Lean REPL (test double, not Lean)";

    private SimulatedRepl() {
    }

    public static void main(String[] args) {
        PrintStream err = System.err;
        System.exit(run(args, System.in, new FileOutputStream(FileDescriptor.out), err,
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16)));
    }

    /**
     * Runs the simulator until end of input or a scripted end.
     *
     * @param stderrFlood where {@code stderr-flood} writes (buffered; the process's stderr in main)
     * @return the exit status: 0 at end of input, as scripted otherwise, 1 on an unreadable request, 2 on bad arguments
     */
    static int run(String[] args, InputStream in, OutputStream out, PrintStream err, OutputStream stderrFlood) {
        SimulatedReplCommand settings;
        try {
            settings = SimArguments.parse(args);
            for (Path dir : settings.recordings()) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("recordings folder " + dir + " does not exist");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(BANNER + ": " + e.getMessage());
            return 2;
        }
        if (settings.failStart()) {
            err.println(BANNER + ": failing at start as asked (--fail-start)");
            return 1;
        }
        err.printf(Locale.ROOT, "%s: pid %d, recordings %s, time scale %s, header load %d ms and %d MB, costs %s%n",
                BANNER, ProcessHandle.current().pid(), settings.recordings(), settings.timeScale(),
                settings.headerLoadMs(), settings.headerMemoryMb(),
                settings.waitCost() ? "waited (sleep, no CPU)" : "burned as CPU");
        SimJson json = new SimJson();
        Supplier<Recordings> recordings = loadInBackground(settings, json);
        try {
            if (settings.startDelayMs() > 0) {
                Thread.sleep(settings.startDelayMs());
            }
            ResourceHog memory = new ResourceHog();
            ReplSession session = new ReplSession(json, recordings, settings, new CpuBurner(), memory,
                    new Misbehaviour(stderrFlood, memory));
            return loop(new RequestReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))),
                    session, new ResponseWriter(out, json), err);
        } catch (IOException e) {
            err.println(BANNER + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            err.println(BANNER + ": failed: " + e);
            return 1;
        }
    }

    private static int loop(RequestReader reader, ReplSession session, ResponseWriter writer, PrintStream err)
            throws IOException, InterruptedException {
        while (true) {
            String query = reader.next();
            if (query.isEmpty()) {
                return 0;
            }
            if (query.startsWith("#") || query.startsWith("--")) {
                continue; // the REPL skips these and answers nothing
            }
            Outcome outcome = session.handle(query);
            if (outcome instanceof Outcome.Answer a) {
                writer.answer(a.json());
            } else if (outcome instanceof Outcome.Verbatim v) {
                writer.raw(v.text());
            } else if (outcome instanceof Outcome.Partial p) {
                String text = writer.render(p.json());
                writer.raw(text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2)));
                return 1;
            } else if (outcome instanceof Outcome.Exit x) {
                writer.raw(x.stdout());
                err.print(x.stderr());
                err.flush();
                return x.code();
            }
        }
    }

    /** Recordings are read on a daemon thread while the client starts up; the first request waits for them. */
    private static Supplier<Recordings> loadInBackground(SimulatedReplCommand settings, SimJson json) {
        if (settings.recordings().isEmpty()) {
            Recordings none = Recordings.none();
            return () -> none;
        }
        FutureTask<Recordings> loading = new FutureTask<>(() -> Recordings.load(settings.recordings(), json));
        Thread loader = new Thread(loading, "sim-recordings");
        loader.setDaemon(true);
        loader.start();
        return () -> {
            try {
                return loading.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read the recordings: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the recordings", e);
            }
        };
    }
}
