package dev.leanverify.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.repl.ReplOutcome.Answered;
import dev.leanverify.repl.ReplOutcome.Failed;
import dev.leanverify.repl.ReplOutcome.Failure;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.testing.Processes;
import dev.leanverify.testing.SimRepls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The driver against misbehaving REPLs (the simulated REPL's fault directives, real processes):
 * each fault gives its failure within the timeout plus 2 s, leaves no process behind, and the
 * next process works.
 */
@Tag("integration")
class ReplProcessFaultTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final List<ReplProcess> started = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() {
        started.forEach(ReplProcess::close);
        Processes.awaitGone(pids, Duration.ofSeconds(10));
    }

    private ReplProcess start(ReplSpec spec) throws ReplStartException {
        ReplProcess p = SimRepls.launcher(spec, "fault").start();
        started.add(p);
        pids.add(p.pid());
        return p;
    }

    private ReplProcess start() throws ReplStartException {
        return start(SimRepls.spec());
    }

    private static ReplOutcome body(ReplProcess p, String code) {
        return p.send(ReplRequest.Command.of(code, null), TIMEOUT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "crash, CRASH",
            "exit 3, CRASH",
            "hang, TIMEOUT",
            "sleep-hang, TIMEOUT",
            "garbage, GARBAGE",
            "partial, CRASH",
            "memory-grow 400, TIMEOUT"})
    void eachFaultEndsInItsFailureWithinTheTimeoutAndKillsTheProcess(String directive, Failure expected)
            throws Exception {
        ReplProcess p = start();
        assertThat(body(p, "theorem warm : True := trivial")).isInstanceOf(Answered.class);

        long t0 = System.nanoTime();
        ReplOutcome outcome = body(p, "-- sim: " + directive + "\ntheorem t : True := trivial");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).failure()).isEqualTo(expected);
        assertThat(took).isLessThan(TIMEOUT.plusSeconds(2));
        assertThat(p.isAlive()).isFalse();
        Processes.awaitGone(List.of(p.pid()), Duration.ofSeconds(5));

        ReplProcess fresh = start();
        assertThat(body(fresh, "theorem after : True := trivial")).isInstanceOf(Answered.class);
    }

    @Test
    void crashReportIncludesTheStderrTail() throws Exception {
        ReplProcess p = start();

        Failed failed = (Failed) body(p, "-- sim: crash\ntheorem t : True := trivial");

        assertThat(failed.detail()).contains("exit code 134").contains("PANIC");
    }

    @Test
    void memoryLimitStopsAGrowingProofAsAResourceLimit() throws Exception {
        ReplSpec spec = SimRepls.spec().withMemoryLimits(400L << 20, 0);
        ReplProcess p = start(spec);
        assertThat(body(p, "theorem warm : True := trivial")).as("the process is up").isInstanceOf(Answered.class);

        long t0 = System.nanoTime();
        ReplOutcome outcome = p.send(ReplRequest.Command.of("-- sim: memory-grow 600\ntheorem t : True := trivial",
                null), Duration.ofSeconds(20));

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).failure()).isEqualTo(Failure.MEMORY);
        assertThat(((Failed) outcome).detail()).contains("above the limit of 400 MiB");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aChattyStderrNeverBlocksTheAnswer() throws Exception {
        ReplProcess p = start();

        ReplOutcome outcome = body(p, "-- sim: stderr-flood 20\ntheorem t : True := trivial");

        assertThat(outcome).isInstanceOf(Answered.class);
    }

    @Test
    void killingTheGroupTakesTheChildrenTheReplStarted() throws Exception {
        ReplProcess p = start();
        ReplOutcome spawned = body(p, "-- sim: spawn-child\ntheorem t : True := trivial");
        assertThat(spawned).isInstanceOf(Answered.class);
        List<Long> tree = ProcessTree.pids(p.pid());
        assertThat(tree.size()).as("the REPL, its orphan guard and the spawned child").isGreaterThanOrEqualTo(2);

        body(p, "-- sim: hang\ntheorem t : True := trivial");

        Processes.awaitGone(tree, Duration.ofSeconds(5));
    }

    @Test
    void closingLeavesNoProcessBehind() throws Exception {
        ReplProcess p = start();
        body(p, "-- sim: spawn-child\ntheorem t : True := trivial");
        List<Long> tree = ProcessTree.pids(p.pid());

        p.close();

        Processes.awaitGone(tree, Duration.ofSeconds(5));
    }

    @Test
    void slowStartIsCoveredByTheHeaderTimeoutNotTheProofTimeout() throws Exception {
        ReplSpec spec = SimRepls.spec(SimulatedReplCommand.defaults().withTimeScale(0).withStartDelayMs(1500));
        ReplProcess p = start(spec);

        ReplOutcome header = p.send(ReplRequest.Command.of("", null), spec.headerTimeout());

        assertThat(header).isInstanceOf(Answered.class);
        assertThat(header.elapsedNanos()).isGreaterThan(Duration.ofMillis(1400).toNanos());
    }

    @Test
    void aCommandThatDoesNotExistFailsToStartNamingIt() {
        ReplSpec spec = SimRepls.withCommand(SimRepls.spec(), List.of("/no/such/lean-repl", "--flag"));

        assertThatThrownBy(() -> start(spec))
                .isInstanceOf(ReplStartException.class)
                .hasMessageContaining("/no/such/lean-repl --flag")
                .hasMessageContaining("not an executable file");
    }

    @Test
    void aReplThatExitsAtOnceIsAStartFailure() throws Exception {
        Path script = dir.resolve("not-a-repl.sh");
        Files.writeString(script, "#!/bin/sh\necho 'cannot find Lean toolchain' >&2\nexit 127\n");
        script.toFile().setExecutable(true);
        ReplProcess p = start(SimRepls.withCommand(SimRepls.spec(), List.of(script.toString())));

        Failed failed = (Failed) p.send(ReplRequest.Command.of("", null), TIMEOUT);

        assertThat(failed.failure()).isEqualTo(Failure.START_FAILED);
        assertThat(failed.detail()).contains("exit code 127").contains("cannot find Lean toolchain");
    }

    @Test
    void aReplThatExitsWithAnErrorBeforeItsFirstAnswerIsAStartFailure() throws Exception {
        // `lake env repl` without a Lean toolchain prints an error and exits with status 1
        Path script = dir.resolve("lake-without-toolchain.sh");
        Files.writeString(script, "#!/bin/sh\necho 'error: toolchain not installed' >&2\nexit 1\n");
        script.toFile().setExecutable(true);
        ReplProcess p = start(SimRepls.withCommand(SimRepls.spec(), List.of(script.toString())));

        Failed failed = (Failed) p.send(ReplRequest.Command.of("", null), TIMEOUT);

        assertThat(failed.failure()).isEqualTo(Failure.START_FAILED);
        assertThat(failed.detail()).contains("exit code 1").contains("toolchain not installed");
    }

    @Test
    void aReplThatHasExitedBeforeItsFirstRequestIsAStartFailure() throws Exception {
        // the race the two tests above may or may not hit: the process is gone before the request is sent
        Path script = dir.resolve("gone-at-once.sh");
        Files.writeString(script, "#!/bin/sh\necho 'error: toolchain not installed' >&2\nexit 1\n");
        script.toFile().setExecutable(true);
        ReplProcess p = start(SimRepls.withCommand(SimRepls.spec(), List.of(script.toString())));
        Processes.await(() -> !p.isAlive(), Duration.ofSeconds(10), "the script to exit");

        Failed failed = (Failed) p.send(ReplRequest.Command.of("", null), TIMEOUT);

        assertThat(failed.failure()).isEqualTo(Failure.START_FAILED);
        assertThat(failed.detail()).contains("exit code 1").contains("toolchain not installed");
    }

    @Test
    void theLastStderrLineOfAnExitedReplIsInTheReasonEvenWhenItComesAfterTheExit() throws Exception {
        // the exit is seen at once, the reason is still on its way through the stderr pipe (here
        // written late by a child that holds stderr, not stdout): it must not be lost. The script
        // lives 0.2 s so that the driver's stderr reader is already waiting in read(): the JDK
        // closes a pipe nobody is reading when the process exits, and a grandchild's later
        // output is then gone whatever the driver does.
        Path script = dir.resolve("fails-reason-late.sh");
        Files.writeString(script,
                "#!/bin/sh\n(exec >&-; sleep 0.6; echo 'error: the actual reason' >&2) &\nsleep 0.2\nexit 1\n");
        script.toFile().setExecutable(true);
        ReplProcess p = start(SimRepls.withCommand(SimRepls.spec(), List.of(script.toString())));

        Failed failed = (Failed) p.send(ReplRequest.Command.of("", null), TIMEOUT);

        assertThat(failed.failure()).isEqualTo(Failure.START_FAILED);
        assertThat(failed.detail()).as(failed.detail()).contains("exit code 1").contains("error: the actual reason");
    }

    @Test
    void aReplKilledBySignalBeforeItsFirstAnswerIsACrash() throws Exception {
        Path script = dir.resolve("aborts.sh");
        Files.writeString(script, "#!/bin/sh\nkill -ABRT $$\n");
        script.toFile().setExecutable(true);
        ReplProcess p = start(SimRepls.withCommand(SimRepls.spec(), List.of(script.toString())));

        Failed failed = (Failed) p.send(ReplRequest.Command.of("", null), TIMEOUT);

        assertThat(failed.failure()).isEqualTo(Failure.CRASH);
    }

    @Test
    void answersAreParsedIntoTypedResponses() throws Exception {
        ReplProcess p = start();

        Answered answered = (Answered) body(p, "theorem t : 1 = 1 := by\n  sorry");

        ReplResponse.Command command = (ReplResponse.Command) answered.response();
        assertThat(command.sorriesOrEmpty()).hasSize(1);
        assertThat(command.sorriesOrEmpty().get(0).pos().line()).isEqualTo(2);
    }
}
