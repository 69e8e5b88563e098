package dev.leanverify.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7, local state across clusters. An instance keeps its state directory while the
 * cluster under it is thrown away and a fresh one (new broker data, new cluster id) started,
 * with another partition count in some rounds; proofs arrive while the instance is still in its
 * startup rebalance. Ids sent to an earlier cluster are new to the fresh one: each gets its
 * result, none is dead-lettered as a duplicate, none is lost. The companion: the same cluster,
 * restarted with its kept state, still knows the ids it has seen (they stay duplicates).
 *
 * <p>What went wrong before local state was bound to its cluster (issue 11): Kafka Streams counts
 * an empty (or shorter) changelog as "restored", so a stale de-duplication store survived and
 * dead-lettered ids as {@code duplicate-id}; stores it did find corrupted were wiped during the
 * startup rebalance, and there the corrupted task's dirty close aborts the stream thread's shared
 * exactly-once transaction while the commit of the healthy tasks is skipped (a rebalance is in
 * progress), so healthy tasks' outputs were aborted while their input offsets were committed later:
 * proofs consumed, committed, with no outcome at all.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith(ScenarioReport.class)
class ClusterResetScenarioTest {
    /** Partitions of each round's fresh cluster: every round after the first starts on stale state from the one before. */
    static final int[] ROUNDS = {64, 8, 8, 64, 8};
    static final int REUSED_IDS = 40;
    static final int NEW_IDS = 20;

    @Test
    void aFreshClusterNeverSeesStateFromThePreviousOneAndEveryProofGetsOneResult(ScenarioReport.Table table) {
        String scenario = "cluster-reset";
        List<String> failures = new ArrayList<>();
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            int previous = 0;
            for (int round = 1; round <= ROUNDS.length; round++) {
                if (round > 1) {
                    cluster.replaceBroker();
                }
                int partitions = ROUNDS[round - 1];
                long t0 = System.nanoTime();
                Ledger ledger = new Ledger();
                String note = "round " + round + ": fresh cluster, " + partitions + " partitions, state from "
                        + (previous == 0 ? "no earlier run" : "a " + previous + "-partition cluster");
                try {
                    Map<String, String> settings = cluster.settings();
                    settings.put("topics.partitions", Integer.toString(partitions));
                    settings.put("num.stream.threads", "4");
                    ProcessCluster.App app = cluster.launchApp("app", settings);
                    // produce as soon as the topic exists: the instance is still rebalancing
                    cluster.awaitProofsTopic(ProcessCluster.START_TIMEOUT);
                    List<byte[][]> records = new ArrayList<>();
                    for (int i = 0; i < REUSED_IDS; i++) {
                        records.add(Proofs.verified("seen-before-" + i, 20));
                        ledger.expect("seen-before-" + i, "VERIFIED");
                    }
                    for (int i = 0; i < NEW_IDS; i++) {
                        records.add(Proofs.verified("round" + round + "-" + i, 20));
                        ledger.expect("round" + round + "-" + i, "VERIFIED");
                    }
                    records.add(new byte[][] {null, {'{', (byte) 0xff, (byte) 0xfe}});
                    ledger.expect(CommittedReader.DLQ + "<no key>", "DLQ:not-utf8");
                    cluster.send(records);
                    cluster.awaitRunning(app);
                    try (CommittedReader reader = cluster.reader(ledger)) {
                        reader.until(ledger::allSeen, Duration.ofMinutes(3), "every proof of round " + round);
                        reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(1));
                    } catch (AssertionError e) {
                        // lost proofs: counted in the row below
                    }
                    assertThat(app.process.sigterm(Duration.ofSeconds(60))).as("exit code on SIGTERM").isZero();
                    note += "; " + wronglyDeadLettered(ledger) + " wrongly dead-lettered as duplicate-id, "
                            + silentlyLost(ledger) + " with no outcome at all" + corruptedTaskLines(app);
                } finally {
                    table.record(ledger.row(scenario + "-" + round, Duration.ofNanos(System.nanoTime() - t0), note));
                }
                if (!ledger.problems().isEmpty()) {
                    failures.add("round " + round + " (" + note + "):\n" + ledger.problems());
                }
                previous = partitions;
            }
        }
        assertThat(failures).as("rounds with lost, duplicated or wrongly dead-lettered proofs").isEmpty();
    }

    @Test
    void theSameClusterRestartedWithKeptStateStillKnowsTheIdsItHasSeen(ScenarioReport.Table table) {
        String scenario = "restart-kept-state";
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        String note = "same cluster, instance restarted on its kept state: ids seen before stay duplicates";
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            Map<String, String> settings = cluster.settings();
            ProcessCluster.App first = cluster.startApp("app", settings);
            List<byte[][]> before = Proofs.verifiedBatch("before", 30, 10, 30, new java.util.Random(7), ledger);
            cluster.send(before);
            try (CommittedReader reader = cluster.reader(ledger)) {
                reader.until(ledger::allSeen, Duration.ofMinutes(3), "every proof before the restart");
                reader.settle(Duration.ofSeconds(2), Duration.ofMinutes(1));
                assertThat(first.process.sigterm(Duration.ofSeconds(60))).isZero();

                ProcessCluster.App second = cluster.launchApp("app", settings);
                List<byte[][]> after = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    after.add(Proofs.verified("before-" + i, 10));
                    ledger.expect(CommittedReader.DLQ + "before-" + i, "DLQ:duplicate-id");
                }
                after.addAll(Proofs.verifiedBatch("after", 30, 10, 30, new java.util.Random(8), ledger));
                cluster.send(after);
                cluster.awaitRunning(second);
                reader.until(ledger::allSeen, Duration.ofMinutes(3), "every proof after the restart");
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(1));
                assertThat(second.process.sigterm(Duration.ofSeconds(60))).isZero();
                note += corruptedTaskLines(second);
            }
        } finally {
            table.record(ledger.row(scenario, Duration.ofNanos(System.nanoTime() - t0), note));
        }
        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger.outcomes()).isEqualTo(ledger.submitted());
    }

    /** Ids that came back as duplicate-id dead letters although this scenario expects none of those. */
    private static long wronglyDeadLettered(Ledger ledger) {
        return ledger.duplicates().values().stream().flatMap(List::stream)
                .filter(o -> o.value().equals("DLQ:duplicate-id")).count();
    }

    /** Expected ids with neither a result nor any dead letter. */
    private static long silentlyLost(Ledger ledger) {
        return ledger.lostIds().stream().filter(id -> ledger.outcomesOf(CommittedReader.DLQ + id).isEmpty()).count();
    }

    /** How often Kafka Streams found a task's local state corrupted (wiped it and restored) in this run's log. */
    private static String corruptedTaskLines(ProcessCluster.App app) {
        try {
            long n = Files.readAllLines(app.process.log()).stream()
                    .filter(l -> l.contains("task is corrupted") || l.contains("did not find checkpoint offsets")
                            || l.contains("TaskCorruptedException"))
                    .count();
            return n == 0 ? "" : "; " + n + " corrupted-task log lines";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
