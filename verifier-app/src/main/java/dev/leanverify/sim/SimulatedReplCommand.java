package dev.leanverify.sim;

import dev.leanverify.config.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to start a simulated Lean REPL (a test double, see {@link SimulatedRepl}) as a child JVM:
 * its settings, and the command line that runs it with this JVM's {@code java} and class path and
 * flags that keep a JVM per REPL process small and quick to start. Immutable; the {@code with}
 * methods return changed copies.
 *
 * <pre>{@code
 * List<String> cmd = SimulatedReplCommand.defaults()
 *         .withRecordings(SharedData.requireDataDir())
 *         .withHeaderLoadMs(2000)
 *         .commandLine();
 * Process repl = new ProcessBuilder(cmd).start();
 * }</pre>
 *
 * @param recordings folders holding {@code lean-repl-transcripts} and/or {@code goedel-workbook}
 *     (or one of them); none: the simulator answers by rule and directive only
 * @param timeScale factor applied to recorded proof times (0.02: a recorded 10 s costs 200 ms of CPU)
 * @param headerLoadMs CPU time each distinct import header costs, once per process
 * @param headerMemoryMb resident memory each distinct import header takes, once per process
 * @param startDelayMs time the simulator sleeps before reading its first request (a slow start)
 * @param failStart whether the simulator fails at once (exit status 1) instead of starting
 * @param waitCost whether proof and header costs are spent sleeping (no CPU) instead of burning CPU
 */
public record SimulatedReplCommand(List<Path> recordings, double timeScale, long headerLoadMs, long headerMemoryMb,
                                   long startDelayMs, boolean failStart, boolean waitCost) {
    /** The class whose {@code main} runs the simulator. */
    public static final String MAIN_CLASS = "dev.leanverify.sim.SimulatedRepl";
    /** Recorded times are scaled by this unless told otherwise. */
    public static final double DEFAULT_TIME_SCALE = 0.02;
    /** JVM flags for a small, fast-starting simulator process. */
    public static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-Xmx96m", "-XX:MaxDirectMemorySize=64g", "-XX:-UsePerfData", "-Xshare:auto");

    /**
     * @throws IllegalArgumentException if a number is negative or the time scale is not finite
     */
    public SimulatedReplCommand {
        recordings = List.copyOf(recordings);
        if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be a finite number >= 0, got " + timeScale);
        }
        requireNotNegative("header load ms", headerLoadMs);
        requireNotNegative("header memory MB", headerMemoryMb);
        requireNotNegative("start delay ms", startDelayMs);
    }

    /** No recordings, time scale {@value #DEFAULT_TIME_SCALE}, free headers, no delay. */
    public static SimulatedReplCommand defaults() {
        return new SimulatedReplCommand(List.of(), DEFAULT_TIME_SCALE, 0, 0, 0, false, false);
    }

    /** The command the settings describe; the shared data is added when they ask for it and it is found. */
    public static SimulatedReplCommand of(SimulatorSettings s) {
        List<Path> recordings = new ArrayList<>(s.recordings());
        if (s.findSharedData()) {
            SharedData.dataDir().ifPresent(recordings::add);
        }
        return new SimulatedReplCommand(recordings, s.timeScale(), s.headerLoadMs(), s.headerMemoryMb(),
                s.startDelayMs(), false, s.waitCost());
    }

    /** The command line of {@link #of}: what the composition root hands to {@code ReplSpecs}. */
    public static List<String> commandLineFor(SimulatorSettings s) {
        return of(s).commandLine();
    }

    /** A copy that also answers from the recordings in these folders. */
    public SimulatedReplCommand withRecordings(Path... dirs) {
        List<Path> all = new ArrayList<>(recordings);
        for (Path dir : dirs) {
            all.add(Objects.requireNonNull(dir, "recordings folder"));
        }
        return new SimulatedReplCommand(all, timeScale, headerLoadMs, headerMemoryMb, startDelayMs, failStart, waitCost);
    }

    /** A copy with recorded proof times multiplied by {@code scale} (0: recorded proofs cost nothing). */
    public SimulatedReplCommand withTimeScale(double scale) {
        return new SimulatedReplCommand(recordings, scale, headerLoadMs, headerMemoryMb, startDelayMs, failStart, waitCost);
    }

    /** A copy where each distinct import header burns {@code ms} of CPU, once per process. */
    public SimulatedReplCommand withHeaderLoadMs(long ms) {
        return new SimulatedReplCommand(recordings, timeScale, ms, headerMemoryMb, startDelayMs, failStart, waitCost);
    }

    /** A copy where each distinct import header holds {@code mb} more resident memory, once per process. */
    public SimulatedReplCommand withHeaderMemoryMb(long mb) {
        return new SimulatedReplCommand(recordings, timeScale, headerLoadMs, mb, startDelayMs, failStart, waitCost);
    }

    /** A copy that sleeps {@code ms} before reading its first request, like a slow-starting REPL. */
    public SimulatedReplCommand withStartDelayMs(long ms) {
        return new SimulatedReplCommand(recordings, timeScale, headerLoadMs, headerMemoryMb, ms, failStart, waitCost);
    }

    /** A copy that, if {@code fail}, exits with status 1 at once instead of starting. */
    public SimulatedReplCommand withFailStart(boolean fail) {
        return new SimulatedReplCommand(recordings, timeScale, headerLoadMs, headerMemoryMb, startDelayMs, fail, waitCost);
    }

    /**
     * A copy that, if {@code wait}, spends proof and header costs sleeping instead of burning CPU:
     * slow proofs that leave the cores to the framework (for many slots on few cores).
     */
    public SimulatedReplCommand withWaitCost(boolean wait) {
        return new SimulatedReplCommand(recordings, timeScale, headerLoadMs, headerMemoryMb, startDelayMs, failStart,
                wait);
    }

    /** The simulator's own arguments (what follows the main class). */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (Path dir : recordings) {
            args.add("--recordings");
            args.add(dir.toString());
        }
        args.add("--time-scale");
        args.add(String.format(Locale.ROOT, "%s", timeScale));
        args.add("--header-load-ms");
        args.add(Long.toString(headerLoadMs));
        args.add("--header-memory-mb");
        args.add(Long.toString(headerMemoryMb));
        args.add("--start-delay-ms");
        args.add(Long.toString(startDelayMs));
        if (failStart) {
            args.add("--fail-start");
        }
        if (waitCost) {
            args.add("--wait");
        }
        return List.copyOf(args);
    }

    /** The whole command line: this JVM's {@code java}, {@link #JVM_FLAGS}, class path, main class, arguments. */
    public List<String> commandLine() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(SimClasspath.expanded());
        cmd.add(MAIN_CLASS);
        cmd.addAll(arguments());
        return List.copyOf(cmd);
    }

    /** The {@code java} launcher of the running JVM. */
    public static String javaBinary() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot find the java launcher of this JVM"));
    }

    private static void requireNotNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }
}
