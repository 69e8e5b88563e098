package dev.leanverify.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1, process kill: a standalone broker and the verifier as separate OS processes; the
 * verifier is killed with SIGKILL at random moments while it works and started again each time.
 * At the end every proof id has exactly one committed result, none missing, none duplicated, and
 * every kill took the killed instance's REPL processes with it (the orphan guard).
 * The seed of the random moments is printed; {@code -Dleanverify.reliability.seed=N} replays one.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith(ScenarioReport.class)
class ProcessKillScenarioTest {

    @Test
    @Tag("slow")
    void killedThreeTimesWhileVerifyingAThousandProofsCommitsEachResultOnce(ScenarioReport.Table table) {
        run(table, "process-kill", 1000, 3);
    }

    /** The default run's shortened scenario 1: 200 proofs, two kills. */
    @Test
    void killedTwiceWhileVerifyingTwoHundredProofsCommitsEachResultOnce(ScenarioReport.Table table) {
        run(table, "process-kill-short", 200, 2);
    }

    private static void run(ScenarioReport.Table table, String scenario, int proofs, int killCount) {
        long seed = Long.getLong("leanverify.reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        List<Long> replsAtKills = new ArrayList<>();
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            Map<String, String> settings = cluster.settings();
            ProcessCluster.App[] app = {cluster.startApp("app", settings)};
            List<byte[][]> records = Proofs.verifiedBatch("p", proofs, 20, 80, random, ledger);
            List<Integer> killAt = killMoments(random, proofs, killCount);
            System.out.printf("%s: seed %d, killing at %s committed results%n", scenario, seed, killAt);
            cluster.send(records);
            try (CommittedReader reader = cluster.reader(ledger)) {
                int[] kills = {0};
                reader.until(ledger::allSeen, Duration.ofMinutes(10), () -> {
                    if (kills[0] < killAt.size() && ledger.complete() >= killAt.get(kills[0])) {
                        List<Long> repls = ReplScan.runningIn(cluster.projectDir());
                        replsAtKills.add((long) repls.size());
                        app[0].process.kill9();
                        // the orphan guard: the killed JVM's REPL process groups die with it
                        ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(10),
                                "after kill -9 of " + app[0].instanceId);
                        kills[0]++;
                        app[0] = cluster.startApp("app", settings);
                    }
                }, "a committed result for every proof");
                assertThat(kills[0]).as("kills done").isEqualTo(killCount);
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(2));
            }
            int exit = app[0].process.sigterm(Duration.ofSeconds(60));
            assertThat(exit).as("exit code on SIGTERM").isZero();
            ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(5), "after the last SIGTERM");
        } finally {
            table.record(ledger.row(scenario, Duration.ofNanos(System.nanoTime() - t0),
                    killCount + " x kill -9 (seed " + seed + "), REPLs killed with the app: " + replsAtKills
                            + ", by instance " + ledger.byInstance()));
        }
        assertThat(replsAtKills).as("REPL processes were running at each kill").allMatch(n -> n > 0);
        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger.outcomes()).isEqualTo(proofs);
    }

    /** Distinct result counts between 10% and 85% of the proofs, at least 5% apart, ascending. */
    static List<Integer> killMoments(Random random, int proofs, int count) {
        TreeSet<Integer> at = new TreeSet<>();
        int low = proofs / 10;
        int high = proofs * 85 / 100;
        int gap = Math.max(1, proofs / 20);
        while (at.size() < count) {
            int candidate = low + random.nextInt(high - low);
            Integer below = at.floor(candidate);
            Integer above = at.ceiling(candidate);
            if ((below == null || candidate - below >= gap) && (above == null || above - candidate >= gap)) {
                at.add(candidate);
            }
        }
        return new ArrayList<>(at);
    }
}
