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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6, shutdown: SIGTERM to a verifier process in the middle of slow proofs. It exits 0
 * within a bounded time, no REPL process is left (checked in /proc), and the proofs that were in
 * flight (the ones the instance logs as cut short) are verified after a restart, exactly once.
 */
@Tag("integration")
@Tag("reliability")
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
            // slow proofs that say when they start: the simulated REPL writes started-ID (in its
            // working directory) and then works for 2-3 s
            List<byte[][]> records = new ArrayList<>();
            Random random = new Random(6);
            for (int i = 0; i < 10; i++) {
                String id = "slow-" + i;
                records.add(Proofs.request(id, null, "theorem t : True := trivial", "write-file started-" + id,
                        "sleep " + (2000 + random.nextInt(1000))));
                ledger.expect(id, "VERIFIED");
            }
            cluster.send(records);
            try (CommittedReader reader = cluster.reader(ledger)) {
                reader.until(() -> ledger.complete() >= 2, Duration.ofMinutes(3), "the first results");
                // SIGTERM while a proof is surely mid-verification: started and not committed
                String[] started = {null};
                reader.until(() -> (started[0] = startedWithoutResult(cluster, ledger)) != null, Duration.ofMinutes(1),
                        "a proof in flight");
                List<Long> repls = ReplScan.runningIn(cluster.projectDir());
                assertThat(repls).as("REPL processes before SIGTERM").isNotEmpty();

                long stopping = System.nanoTime();
                exitCode = first.process.sigterm(EXIT_BOUND);
                exitMs = (System.nanoTime() - stopping) / 1_000_000;
                // the REPLs are killed before the JVM exits; allow /proc a moment to reap them
                ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(2), "after SIGTERM and exit");

                inFlight.addAll(cutShort(first));
                assertThat(inFlight).as("proofs the instance logged as cut short").contains(started[0]);
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

    /** A proof whose REPL has started it (it wrote its file) that has no committed result, or null. */
    private static String startedWithoutResult(ProcessCluster cluster, Ledger ledger) {
        try (var files = Files.list(cluster.projectDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("started-"))
                    .map(n -> n.substring("started-".length())).filter(id -> ledger.outcomesOf(id).isEmpty())
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
