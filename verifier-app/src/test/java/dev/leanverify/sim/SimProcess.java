package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.testing.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated REPL started as a real OS process for a test: writes requests, collects responses
 * (framed by blank lines) and stderr on reader threads so the process never blocks on a full pipe,
 * and kills the process and everything it started on close.
 */
final class SimProcess implements AutoCloseable {
    static final Duration ANSWER = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();
    private final StringBuilder trailing = new StringBuilder();
    private final StringBuilder stderrText = new StringBuilder();
    private final AtomicLong stderrBytes = new AtomicLong();
    private volatile boolean stdoutClosed;

    private SimProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread out = new Thread(this::readStdout, "sim-stdout-" + process.pid());
        Thread err = new Thread(() -> drainStderr(process.getErrorStream()), "sim-stderr-" + process.pid());
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    static SimProcess start(SimulatedReplCommand command) {
        return start(command, null);
    }

    static SimProcess start(SimulatedReplCommand command, Path workDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command.commandLine());
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            return new SimProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one request: the JSON on one line, then one blank line. */
    SimProcess send(String json) {
        return sendRaw(json + "\n\n");
    }

    SimProcess sendRaw(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request built from a JSON object and waits for the answer. */
    JsonNode ask(JsonNode request) {
        return ask(request.toString());
    }

    JsonNode ask(String json) {
        send(json);
        String response = nextResponse(ANSWER).orElseThrow(() -> new AssertionError(
                "no answer within " + ANSWER + " to " + json + "; alive " + process.isAlive() + ", stderr: " + stderr()));
        return parse(response);
    }

    Optional<String> nextResponse(Duration timeout) {
        try {
            return Optional.ofNullable(responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for the process to end; fails if it does not within {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("simulator still running after " + timeout + "; stderr: " + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Text printed to stdout after the last blank line, once stdout is closed. */
    String trailingStdout(Duration timeout) {
        Processes.await(() -> stdoutClosed, timeout, "stdout closed");
        synchronized (trailing) {
            return trailing.toString();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long stderrBytes() {
        return stderrBytes.get();
    }

    String stderr() {
        synchronized (stderrText) {
            return stderrText.toString();
        }
    }

    /** Resident memory of the process, from /proc/PID/statm. */
    long residentBytes() {
        String[] fields = readProc("statm").trim().split("\\s+");
        return Long.parseLong(fields[1]) * 4096;
    }

    /** User plus system CPU time of the process so far, from /proc/PID/stat (clock ticks of 10 ms). */
    Duration cpuTime() {
        String stat = readProc("stat");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return Duration.ofMillis(ticks * 10);
    }

    List<ProcessHandle> descendants() {
        return process.toHandle().descendants().toList();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.isAlive() ? descendants() : List.of();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String readProc(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder current = new StringBuilder();
            int c;
            // read char by char so a response without its final line break (partial output) is kept too
            while ((c = reader.read()) >= 0) {
                current.append((char) c);
                int n = current.length();
                if (c == '\n' && n >= 2 && current.charAt(n - 2) == '\n') {
                    responses.add(current.substring(0, n - 2));
                    current.setLength(0);
                }
            }
            synchronized (trailing) {
                trailing.append(current);
            }
        } catch (IOException e) {
            // the process was killed: what was read is all there is
        } finally {
            stdoutClosed = true;
        }
    }

    private void drainStderr(InputStream err) {
        byte[] buffer = new byte[1 << 16];
        try (err) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                stderrBytes.addAndGet(n);
                synchronized (stderrText) {
                    if (stderrText.length() < 1 << 16) {
                        stderrText.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
    }
}
