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
 * Scenario 2, broker restart: the broker process is stopped (SIGTERM) and started again on the
 * same ports and data while the verifier works. The verifier recovers by itself (the same
 * process, never restarted) and every proof id has exactly one committed result.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith(ScenarioReport.class)
@Tag("slow")
class BrokerRestartScenarioTest {

    @Test
    void theVerifierRidesOutABrokerRestartAndCommitsEachResultOnce(ScenarioReport.Table table) {
        String scenario = "broker-restart";
        int proofs = 600;
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        long[] downMs = {-1};
        int[] brokerExit = {-1};
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            Map<String, String> settings = cluster.settings();
            ProcessCluster.App app = cluster.startApp("app", settings);
            long pid = app.process.pid();
            List<byte[][]> records = Proofs.verifiedBatch("p", proofs, 20, 80, new Random(2), ledger);
            cluster.send(records);
            try (CommittedReader reader = cluster.reader(ledger)) {
                boolean[] restarted = {false};
                reader.until(ledger::allSeen, Duration.ofMinutes(10), () -> {
                    if (!restarted[0] && ledger.complete() >= proofs * 3 / 10) {
                        restarted[0] = true;
                        long stop = System.nanoTime();
                        brokerExit[0] = cluster.stopBroker(Duration.ofSeconds(60));
                        cluster.startBroker();
                        downMs[0] = (System.nanoTime() - stop) / 1_000_000;
                    }
                }, "a committed result for every proof");
                assertThat(restarted[0]).isTrue();
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(2));
            }
            assertThat(app.process.isAlive()).as("the verifier process survived").isTrue();
            assertThat(app.process.pid()).isEqualTo(pid);
            assertThat(app.process.sigterm(Duration.ofSeconds(60))).as("exit code on SIGTERM").isZero();
            ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(5), "after SIGTERM");
        } finally {
            table.record(ledger.row(scenario, Duration.ofNanos(System.nanoTime() - t0),
                    "broker SIGTERM (exit " + brokerExit[0] + ") and restart at 30%, down " + downMs[0]
                            + " ms; verifier not restarted; by instance " + ledger.byInstance()));
        }
        assertThat(brokerExit[0]).as("broker exit code on SIGTERM").isZero();
        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger.byInstance()).hasSize(1);
    }
}
