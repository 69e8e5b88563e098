package dev.leanverify.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.schema.PassAtK;
import dev.leanverify.schema.RunStats;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.service.VerifierService;
import dev.leanverify.stats.RunsHttpHandler;
import dev.leanverify.codec.output.AvroJsonReader;
import dev.leanverify.testing.EmbeddedStack;
import dev.leanverify.testing.RunStatsRecount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two verifier instances aggregate run statistics from real results; the aggregate in the stats
 * topic and from {@code GET /runs/{id}} on either instance (one of which forwards to the owner)
 * equals a recount from the committed results, field by field. Bad input included: results
 * without metadata, invalid requests, a run with more problems than the table holds, an unknown run.
 */
@Tag("integration")
class RunStatsIntegrationTest {
    private static final int MAX_PROBLEMS = 5;
    private static final List<Integer> KS = List.of(1, 2, 4);
    private static EmbeddedStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final AvroJsonReader json = new AvroJsonReader();

    @BeforeAll
    static void startBroker() {
        stack = EmbeddedStack.start();
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    private static byte[][] proof(String id, String directive, Map<String, String> metadata, int timeoutSeconds) {
        StringBuilder meta = new StringBuilder();
        metadata.forEach((k, v) -> meta.append(meta.length() == 0 ? "" : ", ").append('"').append(k).append("\": \"")
                .append(v).append('"'));
        String json = "{\"id\": \"" + id + "\", \"code\": \"-- sim: " + directive + "\\ntheorem t : True := trivial\","
                + " \"timeoutSeconds\": " + timeoutSeconds + ", \"metadata\": {" + meta + "}}";
        return new byte[][] {null, json.getBytes(StandardCharsets.UTF_8)};
    }

    /** A run: problems x samples, sample s of problem p verified when (p + s) % 3 != 0, else a Lean error. */
    private static void run(List<byte[][]> out, String run, int problems, int samples) {
        for (int p = 0; p < problems; p++) {
            for (int s = 0; s < samples; s++) {
                String directive = (p + s) % 3 != 0 ? "cost " + (2 + s) : "error boom";
                out.add(proof(run + "-" + p + "-" + s, directive, Map.of("run_id", run, "problem", "q" + p), 20));
            }
        }
    }

    @Test
    void aggregatesEqualARecountOfTheCommittedResultsOnEveryInstance() throws Exception {
        Map<String, String> settings = stack.settings("stats");
        settings.put("num.stream.threads", "1");
        settings.put("metrics.port", "0");
        settings.put("metrics.bind.address", "127.0.0.1");
        settings.put("stats.advertised.host", "127.0.0.1");
        settings.put("stats.max.problems", Integer.toString(MAX_PROBLEMS));
        settings.put("stats.pass.at.k", "1,2,4");
        VerifierService a = stack.startVerifier(settings);
        VerifierService b = stack.startVerifier(settings);
        waitUntilRunning(a, b);

        List<byte[][]> records = new ArrayList<>();
        run(records, "alpha", 4, 5);
        run(records, "beta", 3, 2);
        run(records, "wide", 8, 2); // more problems than stats.max.problems
        for (int i = 0; i < 3; i++) {
            records.add(proof("bare-" + i, "cost 3", Map.of(), 20)); // no metadata: the default run
        }
        records.add(proof("alpha-invalid", "cost 3", Map.of("run_id", "alpha", "problem", "q0"), 999)); // INVALID_REQUEST
        stack.send("stats.proofs", records);

        List<ConsumerRecord<byte[], byte[]>> committed = stack.readCommitted("stats.results",
                read -> read.size() >= records.size(), Duration.ofMinutes(3), Duration.ofSeconds(2));
        assertThat(committed).hasSize(records.size());
        Map<String, List<VerificationResult>> byRun = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : committed) {
            VerificationResult result = stack.result(r);
            byRun.computeIfAbsent(result.getMetadata().getOrDefault("run_id", "unassigned"), k -> new ArrayList<>())
                    .add(result);
        }
        assertThat(byRun.keySet()).containsExactlyInAnyOrder("alpha", "beta", "wide", "unassigned");

        Map<String, RunStats> topic = latestStats(byRun);
        int forwarded = 0;
        for (var e : byRun.entrySet()) {
            RunStatsRecount expected = new RunStatsRecount(e.getValue(), "problem");
            assertEqual(topic.get(e.getKey()), expected, "stats topic, run " + e.getKey());
            Set<String> servedBy = new HashSet<>();
            for (VerifierService asked : List.of(a, b)) {
                HttpResponse<String> response = get(asked, "/runs/" + e.getKey());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                RunStats served = json.read(response.body().getBytes(StandardCharsets.UTF_8), RunStats.class,
                        RunStats.getClassSchema());
                assertEqual(served, expected, "GET /runs/" + e.getKey() + " on port " + asked.metricsPort());
                String by = response.headers().firstValue(RunsHttpHandler.SERVED_BY).orElseThrow();
                servedBy.add(by);
                forwarded += by.endsWith(":" + asked.metricsPort()) ? 0 : 1;
            }
            assertThat(servedBy).as("both instances read run %s from its one owner", e.getKey()).hasSize(1);
        }
        assertThat(forwarded).as("queries answered by forwarding to the other instance").isEqualTo(byRun.size());
        assertThat(byRun.values().stream().mapToLong(rs -> new RunStatsRecount(rs, "problem").verdictCacheHits).sum())
                .as("repeated texts answered from the verdict cache, so its hit count is checked too").isPositive();

        RunStats wide = topic.get("wide");
        assertThat(wide.getProblems()).hasSize(MAX_PROBLEMS);
        assertThat(wide.getProblemsTruncated()).isTrue();
        assertThat(wide.getUntrackedResults()).isEqualTo(2L * (8 - MAX_PROBLEMS));
        assertThat(topic.get("alpha").getStatusCounts()).containsEntry("INVALID_REQUEST", 1L);
        assertThat(topic.get("unassigned").getResultsWithoutProblem()).isEqualTo(3);

        HttpResponse<String> unknown = get(a, "/runs/no-such-run");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode body = mapper.readTree(unknown.body());
        assertThat(body.get("error").asText()).isEqualTo("unknown run");
        assertThat(body.get("runId").asText()).isEqualTo("no-such-run");

        JsonNode runs = mapper.readTree(get(b, "/runs").body());
        Map<String, Long> counts = new LinkedHashMap<>();
        runs.get("runs").forEach(n -> counts.put(n.get("runId").asText(), n.get("results").asLong()));
        Map<String, Long> expectedCounts = new HashMap<>();
        byRun.forEach((run, results) -> expectedCounts.put(run, (long) results.size()));
        assertThat(counts).isEqualTo(expectedCounts);
        assertThat(runs.get("unavailable")).isEmpty();
        String[] live = collectLive(b, "alpha", "--expected", Long.toString(byRun.get("alpha").size()));
        assertThat(live[0]).as(live[1] + live[2]).isEqualTo("0");
        assertThat(live[1]).contains("run alpha: " + byRun.get("alpha").size() + "/" + byRun.get("alpha").size()
                + " results, pass rate " + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * topic.get("alpha").getPassRate()));
        String[] unknownLive = collectLive(a, "no-such-run");
        assertThat(unknownLive[0]).isEqualTo("2");
        assertThat(unknownLive[2]).contains("unknown run 'no-such-run'");
        System.out.println("collect --live: " + live[1].strip());
        System.out.printf("run stats: %d results in %d runs aggregated by 2 instances; stats topic and GET /runs/{id}"
                + " on both instances equal the recount (%d of %d queries forwarded to the owner)%n",
                committed.size(), byRun.size(), forwarded, 2 * byRun.size());
    }

    @Test
    void pythonExampleConsumerPrintsThePassRateOfEachRun() throws Exception {
        java.nio.file.Path python = java.nio.file.Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(python)
                        && new ProcessBuilder(python.toString(), "-c", "import confluent_kafka").start().waitFor() == 0,
                "skipped: /usr/bin/python3 with confluent_kafka is missing (apt-get install python3-confluent-kafka)");
        Map<String, String> settings = stack.settings("pystats");
        settings.put("num.stream.threads", "1");
        stack.startVerifier(settings);
        List<byte[][]> records = new ArrayList<>();
        run(records, "py", 2, 3); // 6 samples, 4 verified
        stack.send("pystats.proofs", records);
        Map<String, RunStats> latest = new HashMap<>();
        stack.readCommitted("pystats.stats", read -> {
            read.forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8),
                    json.read(r.value(), RunStats.class, RunStats.getClassSchema())));
            return latest.containsKey("py") && latest.get("py").getResults() == records.size();
        }, Duration.ofMinutes(2), Duration.ofMillis(200));
        java.nio.file.Path script = java.nio.file.Path.of(System.getProperty("leanverify.project.dir", ".."))
                .resolve("ops/examples/run_stats.py");

        Process p = new ProcessBuilder(python.toString(), script.toString(), "--bootstrap-servers",
                stack.bootstrapServers(), "--stats-topic", "pystats.stats", "--once").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("py: 6 results, pass rate "
                + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * latest.get("py").getPassRate()));
        System.out.println("run_stats.py --once: " + out.strip());
    }

    /** The last stats record of each run, read until every run's count matches its committed results. */
    private Map<String, RunStats> latestStats(Map<String, List<VerificationResult>> byRun) {
        Map<String, RunStats> latest = new HashMap<>();
        stack.readCommitted("stats.stats", read -> {
            latest.clear();
            for (ConsumerRecord<byte[], byte[]> r : read) {
                latest.put(new String(r.key(), StandardCharsets.UTF_8),
                        json.read(r.value(), RunStats.class, RunStats.getClassSchema()));
            }
            return byRun.entrySet().stream().allMatch(e -> latest.containsKey(e.getKey())
                    && latest.get(e.getKey()).getResults() == e.getValue().size());
        }, Duration.ofMinutes(1), Duration.ofSeconds(1));
        return latest;
    }

    private static void assertEqual(RunStats got, RunStatsRecount expected, String where) {
        assertThat(got).as(where).isNotNull();
        assertThat(got.getResults()).as(where + ": results").isEqualTo(expected.results);
        assertThat(got.getStatusCounts()).as(where + ": statusCounts").isEqualTo(expected.statusCounts);
        assertThat(got.getVerified()).as(where + ": verified").isEqualTo(expected.verified);
        assertThat(got.getPassRate()).as(where + ": passRate").isCloseTo(expected.passRate, within(1e-12));
        assertThat(got.getUnsoundByLayer()).as(where + ": unsoundByLayer").isEmpty();
        assertThat(got.getResultsWithoutProblem()).as(where + ": resultsWithoutProblem")
                .isEqualTo(expected.resultsWithoutProblem);
        long untracked = 0;
        for (var p : expected.problems.entrySet()) {
            var outcome = got.getProblems().get(p.getKey());
            if (outcome == null) {
                untracked += p.getValue()[0];
                continue;
            }
            assertThat(new long[] {outcome.getSamples(), outcome.getVerified()}).as(where + ": problem " + p.getKey())
                    .containsExactly(p.getValue());
        }
        assertThat(expected.problems.keySet()).as(where + ": problems").containsAll(got.getProblems().keySet());
        assertThat(got.getProblems()).as(where + ": problem table size")
                .hasSize(Math.min(MAX_PROBLEMS, expected.problems.size()));
        assertThat(got.getUntrackedResults()).as(where + ": untrackedResults").isEqualTo(untracked);
        assertThat(got.getProblemsTruncated()).as(where + ": problemsTruncated").isEqualTo(untracked > 0);
        for (PassAtK p : got.getPassAtK()) {
            Double want = expected.passAtK(p.getK(), got.getProblems().keySet());
            if (want == null) {
                assertThat(p.getValue()).as(where + ": pass@" + p.getK()).isNull();
            } else {
                assertThat(p.getValue()).as(where + ": pass@" + p.getK()).isCloseTo(want, within(1e-12));
            }
        }
        assertThat(got.getPassAtK()).extracting(PassAtK::getK).as(where + ": k values").isEqualTo(KS);
        assertThat(RunStatsRecount.differences("leanMs", got.getLeanMs(), expected.leanMs)
                + RunStatsRecount.differences("totalMs", got.getTotalMs(), expected.totalMs)).as(where).isEmpty();
        assertThat(got.getHeaderCacheHits()).as(where + ": headerCacheHits").isEqualTo(expected.headerCacheHits);
        assertThat(got.getVerdictCacheHits()).as(where + ": verdictCacheHits").isEqualTo(expected.verdictCacheHits);
        assertThat(got.getFirstResultAtMs()).as(where + ": firstResultAtMs").isEqualTo(expected.firstResultAtMs);
        assertThat(got.getLastResultAtMs()).as(where + ": lastResultAtMs").isEqualTo(expected.lastResultAtMs);
    }

    /** {exit code, stdout, stderr} of {@code collect --live} against an instance. */
    private static String[] collectLive(VerifierService service, String runId, String... more) {
        var cl = dev.leanverify.cli.Main.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("collect", "--live", "--run-id", runId, "--timeout", "20",
                "--service", "http://127.0.0.1:" + service.metricsPort()));
        args.addAll(List.of(more));
        int code = cl.execute(args.toArray(String[]::new));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private HttpResponse<String> get(VerifierService service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.metricsPort() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void waitUntilRunning(VerifierService... services) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!java.util.Arrays.stream(services).allMatch(s -> s.app().state() == KafkaStreams.State.RUNNING)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the instances did not all reach RUNNING within 1 min");
            }
            Thread.sleep(100);
        }
    }
}
