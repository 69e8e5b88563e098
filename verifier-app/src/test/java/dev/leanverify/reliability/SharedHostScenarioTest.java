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
 * Scenario 8, several instances on one host: three verifier processes started from one working
 * directory with one config file (no state.dir, no instance.id: the defaults) all reach RUNNING,
 * each in its own state slot, and share the work; every proof has exactly one result.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith(ScenarioReport.class)
class SharedHostScenarioTest {

    @Test
    void threeInstancesFromOneDirectoryAndOneConfigFileAllRunAndShareTheWork(ScenarioReport.Table table) {
        String scenario = "shared-host";
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        String note = "3 instances, one directory, one config file";
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            Map<String, String> settings = cluster.settings();
            settings.put("topics.partitions", "6");
            settings.put("num.stream.threads", "2");
            List<ProcessCluster.App> apps = cluster.launchSharingOneConfig("shared", settings, 3);
            for (ProcessCluster.App app : apps) {
                cluster.awaitRunning(app);
            }
            // after the last start, the group settles; then the work is spread over all three
            cluster.send(Proofs.verifiedBatch("p", 90, 50, 150, new Random(11), ledger));
            try (CommittedReader reader = cluster.reader(ledger)) {
                reader.until(ledger::allSeen, Duration.ofMinutes(3), "a result for every proof");
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(1));
            }
            note += "; by instance " + ledger.byInstance();
            for (ProcessCluster.App app : apps) {
                assertThat(app.process.isAlive()).as("%s still runs", app.name).isTrue();
                assertThat(app.process.sigterm(Duration.ofSeconds(60))).as("exit code of %s", app.name).isZero();
            }
        } finally {
            table.record(ledger.row(scenario, Duration.ofNanos(System.nanoTime() - t0), note));
        }
        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger.byInstance()).as("results by verifier instance").hasSize(3);
    }
}
