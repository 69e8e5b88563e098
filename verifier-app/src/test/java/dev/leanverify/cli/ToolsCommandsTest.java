package dev.leanverify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.testing.GoedelSet;
import dev.leanverify.testing.Processes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit, collect and check --kafka as a user runs them, against `leanverify run --embedded
 * --simulate` started as a separate OS process.
 */
@Tag("integration")
class ToolsCommandsTest {
    private static Process app;
    private static String bootstrap;
    private static Path work;
    private static final LinkedBlockingQueue<String> appOutput = new LinkedBlockingQueue<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startApp() throws Exception {
        work = Files.createTempDirectory("tools-it-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        app = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--embedded", "--simulate",
                "--broker-port", Integer.toString(port), "--data-dir", work.resolve("broker").toString(),
                "--set", "state.dir=" + work.resolve("state"), "--set", "metrics.port=-1",
                "--set", "lean.sim.time.scale=0.005", "--set", "lean.timeout.default.seconds=3"))
                .redirectError(work.resolve("app.err").toFile()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    appOutput.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the app ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            String line = appOutput.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("leanverify running")) {
                break;
            }
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the app did not start: " + Files.readString(work.resolve("app.err")));
            }
        }
        bootstrap = "127.0.0.1:" + port;
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            List<Long> tree = app.descendants().map(ProcessHandle::pid).toList();
            app.destroy(); // SIGTERM: a clean stop
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(app.exitValue()).isZero();
            Processes.awaitGone(tree, Duration.ofSeconds(10));
        }
    }

    @Test
    void submitThenCollectTheGoedelSetGivesEveryRecordedVerdict() throws Exception {
        List<GoedelSet.Proof> proofs = GoedelSet.load();
        Path out = dir.resolve("results.jsonl");

        CheckCommandTest.Run submitted = CheckCommandTest.run("submit", "--bootstrap-servers", bootstrap, "--run-id",
                "goedel-it", GoedelSet.proofsDir().toString());
        CheckCommandTest.Run collected = CheckCommandTest.run("collect", "--bootstrap-servers", bootstrap, "--run-id",
                "goedel-it", "--expected", Integer.toString(proofs.size()), "--timeout", "240", "--out", out.toString(),
                "--json");

        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        assertThat(submitted.out()).contains("submitted " + proofs.size() + " proof(s) as run goedel-it");
        assertThat(collected.exitCode()).as(collected.out() + collected.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode summary = mapper.readTree(collected.out().strip());
        assertThat(summary.get("results").asInt()).isEqualTo(proofs.size());
        assertThat(summary.get("simulatedLean").asBoolean()).isTrue();
        Map<String, String> statusById = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode r = mapper.readTree(line);
            statusById.put(r.get("id").asText(), r.get("status").asText());
            assertThat(r.get("metadata").get("run_id").asText()).isEqualTo("goedel-it");
        }
        for (GoedelSet.Proof p : proofs) {
            assertThat(statusById.get("goedel-it/" + p.name())).as(p.name()).isEqualTo(p.status().name());
        }
    }

    @Test
    void submitNamesWhatItSkipped() throws Exception {
        Path jsonl = dir.resolve("mixed.jsonl");
        Files.writeString(jsonl, "{\"id\": \"ok\", \"code\": \"theorem t : True := trivial\"}\n{broken\n");

        CheckCommandTest.Run run = CheckCommandTest.run("submit", "--bootstrap-servers", bootstrap, jsonl.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("submitted 1 proof(s)");
        assertThat(run.err()).contains("skipped " + jsonl + ":2: not JSON").contains("1 skipped");
    }

    @Test
    void checkThroughKafkaPrintsCompilerStyleLines() throws Exception {
        Path good = dir.resolve("good.lean");
        Files.writeString(good, "theorem t : True := trivial\n");
        Path bad = dir.resolve("bad.lean");
        Files.writeString(bad, "-- sim: error unknown identifier 'foo'\ntheorem u : True := foo\n");

        CheckCommandTest.Run run = CheckCommandTest.run("check", "--kafka", "--bootstrap-servers", bootstrap,
                good.toString(), bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(good + ": VERIFIED").contains(bad + ":1:0: error: unknown identifier 'foo'")
                .contains(bad + ": LEAN_ERROR").contains("(simulated Lean)");
    }

    @Test
    void strictSubmitWithAStatementFieldThenCollectCountsUnsoundByLayer() throws Exception {
        Path manifest = dev.leanverify.sim.SharedData.requireDataDir().resolve("cheats").resolve("manifest.jsonl");
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder dataset = new StringBuilder();
        Map<String, Integer> expectedLayers = new HashMap<>();
        int count = 0;
        for (String line : Files.readAllLines(manifest)) {
            JsonNode m = mapper.readTree(line);
            var row = mapper.createObjectNode();
            row.put("id", m.get("file").asText());
            row.put("code", Files.readString(manifest.resolveSibling(m.get("file").asText())));
            row.set("formal_statement", m.get("statement"));
            dataset.append(row).append('\n');
            if (m.get("expect").asText().equals("UNSOUND")) {
                expectedLayers.merge(m.get("layer").asText(), 1, Integer::sum);
            }
            count++;
        }
        Path jsonl = dir.resolve("cheats.jsonl");
        Files.writeString(jsonl, dataset.toString());

        CheckCommandTest.Run submitted = CheckCommandTest.run("submit", "--bootstrap-servers", bootstrap, "--run-id",
                "strict-it", "--strict", "--statement-field", "formal_statement", jsonl.toString());
        CheckCommandTest.Run collected = CheckCommandTest.run("collect", "--bootstrap-servers", bootstrap, "--run-id",
                "strict-it", "--expected", Integer.toString(count), "--timeout", "240", "--json");

        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        JsonNode summary = mapper.readTree(collected.out().strip());
        assertThat(summary.get("results").asInt()).isEqualTo(count);
        Map<String, Integer> layers = new HashMap<>();
        summary.get("unsoundByLayer").fields().forEachRemaining(e -> layers.put(e.getKey(), e.getValue().asInt()));
        assertThat(layers).isEqualTo(expectedLayers);
    }
}
