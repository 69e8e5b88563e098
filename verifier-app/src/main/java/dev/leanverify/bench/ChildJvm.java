package dev.leanverify.bench;

import dev.leanverify.sim.SimulatedReplCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code leanverify} command in a JVM of its own: a verifier instance under benchmark
 * ({@code run --config FILE}, as users run it, so that its CPU time is the framework's alone) or the
 * benchmark's broker ({@code broker}). Ready when its stdout prints the expected line; stopped with
 * SIGTERM.
 */
final class ChildJvm implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("^leanverify running: instance (\\S+),");
    private static final Pattern BROKER_READY = Pattern.compile("^broker ready at (\\S+)");

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Pattern readyLine;
    private final Class<?> mainClass;
    /** Kills the instance if the benchmark's JVM ends first (Ctrl-C), so that no verifier outlives it. */
    private final Thread killOnExit;

    private ChildJvm(String name, Process process, Path log, Pattern readyLine, Class<?> mainClass) {
        this.name = name;
        this.mainClass = mainClass;
        this.readyLine = readyLine;
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "bench-" + name + "-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Thread reader = new Thread(this::readStdout, "bench-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A verifier instance: writes {@code settings} to {@code dir/NAME.properties} and starts
     * {@code run --config} with it; its logs go to {@code dir/NAME.log}.
     *
     * @param mainClass the class whose {@code main} runs {@code leanverify} commands
     */
    static ChildJvm verifier(String name, Path dir, Map<String, String> settings, List<String> jvmOptions,
                             Class<?> mainClass) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve(name + ".properties");
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
                    w.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
                }
            }
            return start(name, dir, jvmOptions, List.of("run", "--config", config.toString()), RUNNING, mainClass);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start verifier instance " + name + " in " + dir, e);
        }
    }

    /** A single-node KRaft broker on a free loopback port, its data in {@code dir/data}. */
    static ChildJvm broker(Path dir, List<String> jvmOptions, Class<?> mainClass) {
        return start("broker", dir, jvmOptions, List.of("broker", "--port", "0", "--data-dir",
                dir.resolve("data").toString()), BROKER_READY, mainClass);
    }

    /** The class whose {@code main} runs this JVM's {@code leanverify} command. */
    Class<?> mainClass() {
        return mainClass;
    }

    private static ChildJvm start(String name, Path dir, List<String> jvmOptions, List<String> args,
                                  Pattern readyLine, Class<?> mainClass) {
        try {
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>();
            command.add(SimulatedReplCommand.javaBinary());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass.getName());
            command.addAll(args);
            Path log = dir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // the settings come from the arguments alone, not from this shell's LEANVERIFY_* variables
            builder.environment().keySet().removeIf(k -> k.startsWith("LEANVERIFY_") && !k.equals("LEANVERIFY_HOME"));
            return new ChildJvm(name, builder.start(), log, readyLine, mainClass);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " in " + dir, e);
        }
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = readyLine.matcher(line);
                if (m.find()) {
                    ready.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS); // for the exit code
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.completeExceptionally(new IllegalStateException(name + " ended (exit " + exitCode()
                + ") before it was ready; see " + log));
    }

    /** Waits for the ready line; returns what it names (the instance id, the broker's address). */
    String awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " was not ready within "
                    + timeout.toSeconds() + " s; see " + log);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name);
        }
    }

    /** CPU time (user + system) of this JVM so far, the processes it started not included. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report the CPU time of " + name));
    }

    /** CPU time (ms) of these JVMs so far, the processes they started not included. */
    static double cpuMs(List<ChildJvm> jvms) {
        return jvms.stream().mapToDouble(j -> j.cpuTime().toNanos() / 1e6).sum();
    }

    /** CPU time so far of each live process this JVM started (REPLs, and what they started), by pid, in ms. */
    Map<Long, Double> descendantCpuMs() {
        Map<Long, Double> cpu = new java.util.HashMap<>();
        process.descendants().forEach(h -> h.info().totalCpuDuration()
                .ifPresent(d -> cpu.put(h.pid(), d.toNanos() / 1e6)));
        return cpu;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private String exitCode() {
        return process.isAlive() ? "none yet" : Integer.toString(process.exitValue());
    }

    /** SIGTERM, then up to 60 s for a clean exit (SIGKILL after that); true when it exited 0. */
    boolean stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is shutting down: the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
