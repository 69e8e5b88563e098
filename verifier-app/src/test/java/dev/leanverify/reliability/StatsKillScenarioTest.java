package dev.leanverify.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.schema.RunStats;
import dev.leanverify.codec.output.AvroJsonReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run statistics survive kill -9: the verifier (an OS process) is killed twice mid-run and
 * restarted; at the end the run's aggregate in the stats topic and from {@code GET /runs/{id}}
 * counts every committed result exactly once (an aggregate update is committed in the same
 * transaction as the result, so a replayed proof neither loses nor doubles a count).
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith(ScenarioReport.class)
class StatsKillScenarioTest {
    private static final int PROOFS = 150;

    @Test
    void killedTwiceMidRunTheRunStatsCountEachCommittedResultOnce(ScenarioReport.Table table) throws Exception {
        long seed = Long.getLong("leanverify.reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        String scenario = "stats-kill";
        RunStats fromTopic;
        RunStats fromHttp;
        try (ProcessCluster cluster = ProcessCluster.start(scenario)) {
            Map<String, String> settings = cluster.settings();
            settings.put("topics.stats", cluster.topic("stats"));
            settings.put("stats.advertised.host", "127.0.0.1");
            ProcessCluster.App[] app = {cluster.startApp("app", settings)};
            List<byte[][]> records = Proofs.verifiedBatch("s", PROOFS, 20, 80, random, ledger);
            List<Integer> killAt = ProcessKillScenarioTest.killMoments(random, PROOFS, 2);
            System.out.printf("%s: seed %d, killing at %s committed results%n", scenario, seed, killAt);
            cluster.send(records);
            try (CommittedReader reader = cluster.reader(ledger)) {
                int[] kills = {0};
                reader.until(ledger::allSeen, Duration.ofMinutes(10), () -> {
                    if (kills[0] < killAt.size() && ledger.complete() >= killAt.get(kills[0])) {
                        app[0].process.kill9();
                        kills[0]++;
                        app[0] = cluster.startApp("app", settings);
                    }
                }, "a committed result for every proof");
                assertThat(kills[0]).as("kills done").isEqualTo(2);
                reader.settle(Duration.ofSeconds(3), Duration.ofMinutes(2));
            }
            assertThat(ledger.problems()).isEmpty();
            // Proofs.request stamps no run id: the run is the default one
            fromTopic = latestStats(cluster, "unassigned", ledger.outcomes());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app[0].metricsPort + "/runs/unassigned"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            fromHttp = new AvroJsonReader().read(r.body().getBytes(StandardCharsets.UTF_8), RunStats.class,
                    RunStats.getClassSchema());
            app[0].process.sigterm(Duration.ofSeconds(60));
        } finally {
            table.record(ledger.row(scenario, Duration.ofNanos(System.nanoTime() - t0),
                    "2 x kill -9 (seed " + seed + "), run stats checked against the committed results"));
        }
        for (RunStats s : List.of(fromTopic, fromHttp)) {
            assertThat(s.getResults()).as("results counted once each").isEqualTo(PROOFS);
            assertThat(s.getStatusCounts()).isEqualTo(Map.of("VERIFIED", (long) PROOFS));
            assertThat(s.getLeanMs().getCount()).isEqualTo(PROOFS);
            assertThat(s.getResultsWithoutProblem()).isEqualTo(PROOFS);
        }
        assertThat(fromHttp).isEqualTo(fromTopic);
        System.out.printf("%s: %d committed results, stats count %d (topic) and %d (GET /runs), no double counting%n",
                scenario, ledger.outcomes(), fromTopic.getResults(), fromHttp.getResults());
    }

    /** The latest committed stats record of a run, read until it counts {@code results} (or a deadline). */
    private static RunStats latestStats(ProcessCluster cluster, String run, int results) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "stats-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroJsonReader json = new AvroJsonReader();
        Map<String, RunStats> latest = new HashMap<>();
        List<Long> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(cluster.topic("stats")));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    RunStats s = json.read(r.value(), RunStats.class, RunStats.getClassSchema());
                    latest.put(r.key(), s);
                    seen.add(s.getResults());
                });
                RunStats s = latest.get(run);
                if (s != null && s.getResults() >= results) {
                    // the counts only grow: a replayed result would show as a count above the results
                    assertThat(seen).as("every count ever written").allMatch(n -> n <= results);
                    return s;
                }
            }
        }
        throw new AssertionError("no stats record of run " + run + " counting " + results + " results within 1 min;"
                + " latest " + (latest.get(run) == null ? "none" : latest.get(run).getResults()));
    }
}
