package dev.leanverify.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3, rebalance under load: a second verifier process joins the group mid-run and is
 * stopped again (SIGTERM) while proofs keep coming; every proof id has exactly one committed
 * result.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith(ScenarioReport.class)
@Tag("slow")
class RebalanceScenarioTest {

    @Test
    void aSecondInstanceJoiningAndLeavingMidRunLosesAndDuplicatesNothing(ScenarioReport.Table table) {
        String scenario = "rebalance";
        int proofs = 600;
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        int[] secondExit = {-1};
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            Map<String, String> settings = cluster.settings();
            ProcessCluster.App first = cluster.startApp("a", settings);
            List<byte[][]> records = Proofs.verifiedBatch("p", proofs, 20, 80, new Random(3), ledger);
            cluster.send(records);
            ProcessCluster.App[] second = {null};
            try (CommittedReader reader = cluster.reader(ledger)) {
                reader.until(ledger::allSeen, Duration.ofMinutes(10), () -> {
                    if (second[0] == null && ledger.complete() >= proofs / 5) {
                        second[0] = cluster.startApp("b", settings);
                    } else if (second[0] != null && secondExit[0] < 0 && ledger.complete() >= proofs * 3 / 5
                            && committedBy("b-", ledger) >= 10) {
                        // leave only once it has taken over work: a joiner that never gets any proves nothing
                        secondExit[0] = second[0].process.sigterm(Duration.ofSeconds(60));
                    }
                }, "a committed result for every proof");
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(2));
            }
            assertThat(second[0]).as("the second instance was started").isNotNull();
            assertThat(first.process.sigterm(Duration.ofSeconds(60))).as("exit code on SIGTERM").isZero();
            ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(5), "after SIGTERM");
        } finally {
            table.record(ledger.row(scenario, Duration.ofNanos(System.nanoTime() - t0),
                    "2nd instance joined at 20%, SIGTERM (exit " + secondExit[0] + ") after 60% and its 10th result;"
                            + " by instance "
                            + ledger.byInstance()));
        }
        assertThat(committedBy("b-", ledger)).as("results the second instance committed").isPositive();
        assertThat(secondExit[0]).as("second instance's exit code on SIGTERM").isZero();
        assertThat(ledger.problems()).isEmpty();
    }

    private static int committedBy(String instancePrefix, Ledger ledger) {
        return ledger.byInstance().entrySet().stream().filter(e -> e.getKey().startsWith(instancePrefix))
                .mapToInt(e -> e.getValue().intValue()).sum();
    }
}
