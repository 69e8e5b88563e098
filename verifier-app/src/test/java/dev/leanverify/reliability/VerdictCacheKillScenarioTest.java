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
 * The verdict cache under kill -9: a run where every proof text is sent three times (VERIFIED and
 * LEAN_ERROR texts mixed), the verifier killed twice while it works and started again. At the end
 * every id has exactly one committed result with the status a fresh run gives its text — so no
 * result was lost or duplicated, and no cached verdict (restored from the changelog after the
 * restart, its writes committed with the results) differs from a fresh one.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith(ScenarioReport.class)
class VerdictCacheKillScenarioTest {

    @Test
    void killedTwiceDuringARunWithRepeatsEveryResultOnceAndCachedVerdictsRight(ScenarioReport.Table table) {
        long seed = Long.getLong("leanverify.reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        int texts = 50;
        int copies = 3;
        try (ProcessCluster cluster = ProcessCluster.start("verdict-cache-kill")) {
            Map<String, String> settings = cluster.settings();
            ProcessCluster.App[] app = {cluster.startApp("app", settings)};
            List<byte[][]> records = new ArrayList<>();
            for (int copy = 0; copy < copies; copy++) {
                for (int t = 0; t < texts; t++) {
                    String id = "t" + t + "-c" + copy;
                    long ms = 20 + (t * 7L) % 60;
                    if (t % 3 == 0) {
                        records.add(Proofs.request(id, null, "theorem t_" + t + " : True := foo", "sleep " + ms,
                                "error unknown identifier"));
                        ledger.expect(id, "LEAN_ERROR");
                    } else {
                        records.add(Proofs.request(id, null, "theorem t_" + t + " : True := trivial", "sleep " + ms));
                        ledger.expect(id, "VERIFIED");
                    }
                }
            }
            List<Integer> killAt = ProcessKillScenarioTest.killMoments(random, records.size(), 2);
            System.out.printf("verdict-cache-kill: seed %d, killing at %s committed results%n", seed, killAt);
            cluster.send(records);
            try (CommittedReader reader = cluster.reader(ledger)) {
                int[] kills = {0};
                reader.until(ledger::allSeen, Duration.ofMinutes(10), () -> {
                    if (kills[0] < killAt.size() && ledger.complete() >= killAt.get(kills[0])) {
                        app[0].process.kill9();
                        ReplScan.awaitNoneIn(cluster.projectDir(), Duration.ofSeconds(10),
                                "after kill -9 of " + app[0].instanceId);
                        kills[0]++;
                        app[0] = cluster.startApp("app", settings);
                    }
                }, "a committed result for every proof");
                assertThat(kills[0]).as("kills done").isEqualTo(2);
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(2));
            }
            app[0].process.sigterm(Duration.ofSeconds(60));
        } finally {
            table.record(ledger.row("verdict-cache-kill", Duration.ofNanos(System.nanoTime() - t0),
                    "2 x kill -9 (seed " + seed + "), " + texts + " texts x " + copies + " copies, by instance "
                            + ledger.byInstance()));
        }
        long hits = ledger.all().stream().filter(o -> o.detail().contains("[verdict cache hit]")).count();
        System.out.printf("verdict-cache-kill: %d of %d results came from the verdict cache%n", hits, texts * copies);
        assertThat(hits).as("results answered from the verdict cache").isPositive();
        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger.outcomes()).isEqualTo(texts * copies);
    }
}
