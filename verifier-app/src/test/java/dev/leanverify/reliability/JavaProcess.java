package dev.leanverify.reliability;

import dev.leanverify.sim.SimulatedReplCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code leanverify} (dev.leanverify.cli.Main) run as a separate OS process on the test class
 * path, the way a user runs it: stdout is read line by line (to wait for "ready" lines), stderr
 * (the logs) goes to a file kept for diagnosis. Stopped with SIGTERM or SIGKILL.
 */
final class JavaProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> stdout = new ArrayList<>();

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java <jvmOptions> -cp <test class path> dev.leanverify.cli.Main <args>} in
     * {@code dir}, with no LEANVERIFY_* variables from this environment (the settings come from
     * the arguments alone).
     */
    static JavaProcess start(String name, Path dir, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(SimulatedReplCommand.javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.leanverify.cli.Main");
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LEANVERIFY_"));
        try {
            return new JavaProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (stdout) {
                    stdout.add(line);
                    stdout.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            synchronized (stdout) {
                stdout.add(null); // end of output
                stdout.notifyAll();
            }
        }
    }

    /** Waits for a stdout line starting with {@code prefix}; fails if the process ends or time runs out. */
    String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stdout) {
            int from = 0;
            while (true) {
                for (; from < stdout.size(); from++) {
                    String line = stdout.get(from);
                    if (line == null) {
                        throw new AssertionError(name + " ended (exit " + exitCode() + ") before printing '" + prefix
                                + "'; see " + log);
                    }
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " did not print '" + prefix + "' within " + timeout.toSeconds()
                            + " s; see " + log);
                }
                try {
                    stdout.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + name);
                }
            }
        }
    }

    List<String> stdout() {
        synchronized (stdout) {
            return stdout.stream().filter(l -> l != null).toList();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    /** The exit code once the process has ended (waiting a little: its stdout ends first), or "still running". */
    private String exitCode() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    /** SIGKILL (kill -9): no shutdown hook runs. Waits until the process is gone. */
    void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM; returns the exit code, failing if the process has not ended within {@code timeout}. */
    int sigterm(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout.toSeconds() + " s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name + " to exit");
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs (test clean-up). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
