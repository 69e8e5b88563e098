package dev.leanverify.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6, shutdown: SIGTERM to a verifier process in the middle of slow proofs. It exits 0
 * within a bounded time, no REPL process is left (checked in /proc), and the proofs that were in
 * flight (the ones the instance logs as cut short) are verified after a restart, exactly once.
 */
@ExtendWith(ScenarioReport.class)
class ShutdownScenarioTest {
    /** How long SIGTERM to exit may take: the REPLs are killed at once, so this is mostly Kafka's close. */
    static final Duration EXIT_BOUND = Duration.ofSeconds(30);
    private static final Pattern CUT_SHORT = Pattern.compile("shutting down: proof (\\S+) will be verified again");

    @Test
    void sigtermMidProofExitsZeroLeavesNoReplAndTheProofsInFlightAreVerifiedOnceAfterRestart(
            ScenarioReport.Table table) throws IOException {
        String scenario = "shutdown";
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        Set<String> inFlight = new LinkedHashSet<>();
        long exitMs = -1;
        int exitCode = -1;
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            Map<String, String> settings = cluster.settings();
            ProcessCluster.App first = cluster.startApp("app", settings);
            // slow proofs: each stream thread is nearly always in the middle of one
            List<byte[][]> records = Proofs.verifiedBatch("slow", 10, 1500, 2500, new Random(6), ledger);
            cluster.send(records);
            try (CommittedReader reader = cluster.reader(ledger)) {
                reader.until(() -> ledger.complete() >= 2, Duration.ofMinutes(3), "the first results");
                List<Long> repls = ReplScan.runningIn(cluster.projectDir());
                assertThat(repls).as("REPL processes before SIGTERM").isNotEmpty();

                long stopping = System.nanoTime();
                exitCode = first.process.sigterm(EXIT_BOUND);
                exitMs = (System.nanoTime() - stopping) / 1_000_000;
                // the REPLs are killed before the JVM exits; allow /proc a moment to reap them
                ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(2), "after SIGTERM and exit");

                inFlight.addAll(cutShort(first));
                reader.settle(Duration.ofSeconds(2), Duration.ofMinutes(1));
                int beforeRestart = ledger.outcomes();
                for (String id : inFlight) {
                    assertThat(ledger.outcomesOf(id)).as("no result for %s, cut short by the shutdown", id).isEmpty();
                }

                ProcessCluster.App second = cluster.startApp("app", settings);
                reader.until(ledger::allSeen, Duration.ofMinutes(3), "every proof verified after the restart");
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(1));
                for (String id : inFlight) {
                    assertThat(ledger.outcomesOf(id)).as("results of %s", id).hasSize(1)
                            .allMatch(o -> o.instance().equals(second.instanceId));
                }
                System.out.printf("%s: %d results before SIGTERM's restart, %d after%n", scenario, beforeRestart,
                        ledger.outcomes() - beforeRestart);
                assertThat(second.process.sigterm(EXIT_BOUND)).isZero();
                ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(2), "after the second SIGTERM");
            }
        } finally {
            table.record(ledger.row(scenario, Duration.ofNanos(System.nanoTime() - t0),
                    "SIGTERM mid-proof: exit " + exitCode + " in " + exitMs + " ms, " + inFlight.size()
                            + " in-flight proof(s) verified after restart, no REPL left"));
        }
        assertThat(exitCode).as("exit code on SIGTERM").isZero();
        assertThat(inFlight).as("proofs cut short by the shutdown (none means nothing was in flight)").isNotEmpty();
        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger.outcomes()).isEqualTo(ledger.submitted());
    }

    /** The proof ids the instance logged as cut short by its shutdown. */
    private static List<String> cutShort(ProcessCluster.App app) {
        List<String> ids = new ArrayList<>();
        try {
            Matcher m = CUT_SHORT.matcher(Files.readString(app.process.log()));
            while (m.find()) {
                ids.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
