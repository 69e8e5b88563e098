package dev.leanverify.repl;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.repl.ReplOutcome.Failed;
import dev.leanverify.repl.ReplOutcome.Failure;
import dev.leanverify.repl.protocol.Framing;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplProtocolException;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.repl.sandbox.Sandbox;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lean REPL process. Requests go one at a time; every failure of the process
 * (timeout, exit, garbage, memory) is turned into a {@link ReplOutcome.Failed} and leaves the
 * process killed, process group and all. Not thread-safe: one owner thread at a time.
 */
public final class ReplProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplProcess.class);
    private static final long EXIT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** Longest wait for an exited process's stderr to be read to its end (a child may hold it open). */
    private static final long STDERR_DRAIN_MILLIS = 500;
    /** Runs "$@" after starting a watcher that SIGKILLs the process group once the parent JVM exits. */
    static final String ORPHAN_GUARD = "(tail --pid=$PPID -f /dev/null 2>/dev/null && kill -KILL 0)"
            + " </dev/null >/dev/null 2>&1 & exec \"$@\"";

    private final String id;
    private final ReplSpec spec;
    private final Process process;
    private final Writer stdin;
    private final ResponseReader responses;
    private final StderrTail stderr;
    private final ReplJson json;
    private final Ticker ticker;
    private final Runnable releaseSandbox;
    private boolean answeredOnce;
    private boolean closed;

    private ReplProcess(String id, ReplSpec spec, Process process, ReplJson json, Ticker ticker,
                        Runnable releaseSandbox) {
        this.id = id;
        this.releaseSandbox = releaseSandbox;
        this.spec = spec;
        this.process = process;
        this.json = json;
        this.ticker = ticker;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.responses = new ResponseReader(process.getInputStream(), spec.maxResponseBytes());
        this.stderr = new StderrTail(process.getErrorStream(), spec.stderrTailLines(), id);
        daemon(responses, "repl-" + id + "-stdout");
        daemon(stderr, "repl-" + id + "-stderr");
    }

    /**
     * Starts the REPL in its own process group (under {@code setsid}), with the optional hard
     * address-space limit (under {@code prlimit}), inside the spec's sandbox (bwrap, whose PID
     * namespace dies with it when the group is killed).
     *
     * @throws ReplStartException if the command cannot be executed; the message names it
     */
    public static ReplProcess start(ReplSpec spec, String id, ReplJson json, Ticker ticker) throws ReplStartException {
        Objects.requireNonNull(spec, "spec");
        if (!Files.isDirectory(spec.workingDir())) {
            throw new ReplStartException("cannot start the Lean REPL `" + spec.commandLine() + "`: working directory "
                    + spec.workingDir() + " does not exist");
        }
        String executable = spec.command().get(0);
        if (resolveExecutable(executable, spec.workingDir()) == null) {
            throw new ReplStartException("cannot start the Lean REPL `" + spec.commandLine() + "`: '" + executable
                    + "' is not an executable file" + (executable.contains("/") ? "" : " on the PATH")
                    + " (working directory " + spec.workingDir() + ")");
        }
        List<String> command = new ArrayList<>();
        if (Wrappers.SETSID != null) {
            command.add(Wrappers.SETSID);
            if (Wrappers.SH != null) {
                // A guard in the new process group that kills the group when this JVM is gone,
                // even after kill -9: no orphaned REPL keeps burning CPU on a runaway proof.
                command.addAll(List.of(Wrappers.SH, "-c", ORPHAN_GUARD, "leanverify-repl"));
            }
        }
        if (spec.addressSpaceLimitBytes() > 0) {
            if (Wrappers.PRLIMIT == null) {
                throw new ReplStartException("an address-space limit is configured but prlimit (util-linux) is not installed");
            }
            command.add(Wrappers.PRLIMIT);
            command.add("--as=" + spec.addressSpaceLimitBytes());
            command.add("--");
        }
        Sandbox.Lease lease = spec.sandbox().wrap(spec.command(), spec.workingDir());
        command.addAll(lease.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workingDir().toFile());
        builder.environment().putAll(spec.environment());
        try {
            Process process = builder.start();
            LOG.debug("started REPL {} pid {}: {}", id, process.pid(), command);
            return new ReplProcess(id, spec, process, json, ticker, lease.release());
        } catch (IOException e) {
            lease.release().run();
            throw new ReplStartException("cannot start the Lean REPL `" + spec.commandLine() + "` in "
                    + spec.workingDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends one request and waits for its response, at most {@code timeout}. Never throws for
     * anything the process does; after a {@link Failed} outcome the process is dead.
     */
    public ReplOutcome send(ReplRequest request, Duration timeout) {
        long start = ticker.read();
        if (closed) {
            return fail(Failure.CRASH, "the REPL process was closed before this request" + exitDetail(), start);
        }
        if (!process.isAlive()) {
            // a process that exits at once may be gone before its first request: classify it as
            // the other exits are, or a missing toolchain would count as a crash by timing alone
            return fail(classifyExit(), "the REPL process had already exited" + exitDetail(), start);
        }
        try {
            stdin.write(json.requestLine(request));
            stdin.write(Framing.REQUEST_TERMINATOR);
            stdin.flush();
        } catch (IOException e) {
            return fail(classifyExit(), "the REPL process stopped reading its input (" + e.getMessage() + ")"
                    + exitDetail(), start);
        }
        long deadline = start + timeout.toNanos();
        long checkEvery = spec.memoryCheckInterval().toNanos();
        long exitSeenAt = -1;
        try {
            while (true) {
                long now = ticker.read();
                long wait = Math.max(0, Math.min(deadline - now, exitSeenAt >= 0 ? EXIT_GRACE_NANOS : checkEvery));
                ResponseReader.Frame frame = responses.poll(wait);
                if (frame != null) {
                    return onFrame(frame, start);
                }
                now = ticker.read();
                if (exitSeenAt >= 0 && now - exitSeenAt >= EXIT_GRACE_NANOS) {
                    // exited, but a child still holds its stdout open: no answer is coming
                    return fail(classifyExit(), "the REPL process exited without answering" + exitDetail(), start);
                }
                if (exitSeenAt < 0 && !process.isAlive()) {
                    exitSeenAt = now;
                    continue;
                }
                if (spec.memoryLimitBytes() > 0) {
                    long rss = ProcessTree.residentBytes(process.pid());
                    if (rss > spec.memoryLimitBytes()) {
                        return fail(Failure.MEMORY, String.format("the REPL process tree used %d MiB, above the "
                                + "limit of %d MiB", rss >> 20, spec.memoryLimitBytes() >> 20), start);
                    }
                }
                if (now >= deadline) {
                    return fail(Failure.TIMEOUT, "no answer within " + formatDuration(timeout)
                            + "; the REPL process group was killed", start);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(Failure.INTERRUPTED, "interrupted while waiting for the REPL", start);
        }
    }

    private ReplOutcome onFrame(ResponseReader.Frame frame, long start) {
        if (frame.oversized()) {
            return fail(Failure.GARBAGE, "the REPL sent a response larger than " + spec.maxResponseBytes()
                    + " bytes, starting: " + abbreviate(frame.text()), start);
        }
        if (frame.endOfStream()) {
            waitForExit();
            String partial = frame.text().isBlank() ? "" : " after a partial response: " + abbreviate(frame.text());
            return fail(classifyExit(), "the REPL process closed its output" + partial + exitDetail(), start);
        }
        try {
            ReplResponse response = json.parseResponse(frame.text());
            answeredOnce = true;
            return new ReplOutcome.Answered(response, ticker.read() - start);
        } catch (ReplProtocolException e) {
            return fail(Failure.GARBAGE, "the REPL answered something that is not a response: " + e.getMessage()
                    + stderrDetail(), start);
        }
    }

    /**
     * A process that exits by itself (status below 128, not a signal) before its first answer
     * could not start: a missing toolchain (lake, elan: status 1), a command not found (127), a
     * bad project. That is the environment's fault, not a proof's, so it must not count as a
     * crash: the pool backs off and the instance reports itself degraded. A death by signal
     * (128 + N: abort, kill, out of memory) stays a crash.
     */
    private Failure classifyExit() {
        waitForExit();
        if (!answeredOnce && !process.isAlive() && process.exitValue() < 128) {
            return Failure.START_FAILED;
        }
        return Failure.CRASH;
    }

    private Failed fail(Failure failure, String detail, long start) {
        kill();
        LOG.debug("REPL {} failed ({}): {}", id, failure, detail);
        return new Failed(failure, detail, ticker.read() - start);
    }

    private void waitForExit() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitDetail() {
        if (process.isAlive()) {
            return stderrDetail();
        }
        stderr.awaitEnd(STDERR_DRAIN_MILLIS); // the reason it exited is often its last stderr line
        return " (exit code " + process.exitValue() + ")" + stderrDetail();
    }

    private String stderrDetail() {
        String tail = stderr.tail();
        return tail.isEmpty() ? "" : "; stderr ends with:\n" + tail;
    }

    /** Resident memory of the process and everything it started, in bytes. */
    public long residentBytes() {
        return closed ? 0 : ProcessTree.residentBytes(process.pid());
    }

    public boolean isAlive() {
        return !closed && process.isAlive();
    }

    public String id() {
        return id;
    }

    public long pid() {
        return process.pid();
    }

    public ReplSpec spec() {
        return spec;
    }

    /** The last lines the process wrote to stderr. */
    public String stderrTail() {
        return stderr.tail();
    }

    /**
     * Kills the process group from any thread (shutdown): the owner's pending {@link #send}
     * returns a failure soon after.
     */
    public void abort() {
        ProcessTree.kill(process, process.pid());
    }

    /** Ends the process and every process in its group; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        kill();
    }

    private void kill() {
        closed = true;
        ProcessTree.kill(process, process.pid());
        if (!process.isAlive()) {
            releaseSandbox.run();
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replace('\n', ' ');
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    static String formatDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    static Path resolveExecutable(String executable, Path workingDir) {
        if (executable.contains("/")) {
            Path path = workingDir.resolve(executable);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? path : null;
        }
        String pathVar = System.getenv("PATH");
        if (pathVar == null) {
            return null;
        }
        for (String dir : pathVar.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The helper programs that put the REPL in its own process group and under rlimits. */
    private static final class Wrappers {
        static final String SETSID = absolute(resolveExecutable("setsid", Path.of(".")));
        static final String PRLIMIT = absolute(resolveExecutable("prlimit", Path.of(".")));
        static final String SH = absolute(resolveExecutable("sh", Path.of(".")));

        private static String absolute(Path p) {
            return p == null ? null : p.toAbsolutePath().toString();
        }
    }
}
