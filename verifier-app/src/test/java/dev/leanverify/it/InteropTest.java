package dev.leanverify.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.testing.EmbeddedStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clients other than Java talk to the verifier: the Python example (Debian's
 * python3-confluent-kafka) and kcat, both in JSON mode, against the embedded broker. CI installs
 * both; elsewhere the tests are skipped with a message saying what to install.
 */
@Tag("integration")
class InteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static EmbeddedStack stack;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        settings = stack.settings("interop");
        stack.startVerifier(settings);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> command, String stdin, long timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        Thread o = new Thread(() -> copy(p.getInputStream(), out));
        Thread e = new Thread(() -> copy(p.getErrorStream(), err));
        o.start();
        e.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s; stderr: " + err);
        }
        o.join();
        e.join();
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(java.io.InputStream in, java.io.OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // process ended
        }
    }

    private static boolean pythonHasConfluentKafka() throws Exception {
        return Files.isExecutable(PYTHON)
                && run(List.of(PYTHON.toString(), "-c", "import confluent_kafka"), null, 30).exit() == 0;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pythonRolloutWorkerSubmitsAndGetsItsResults() throws Exception {
        assumeTrue(pythonHasConfluentKafka(),
                "skipped: /usr/bin/python3 with confluent_kafka is missing (apt-get install python3-confluent-kafka)");
        Path script = Path.of(System.getProperty("leanverify.project.dir", "..")).resolve("ops/examples/rollout_worker.py");

        Run run = run(List.of(PYTHON.toString(), script.toString(), "--demo", "--bootstrap-servers",
                stack.bootstrapServers(), "--proofs-topic", settings.get("topics.proofs"), "--results-topic",
                settings.get("topics.results"), "--deadline", "120"), null, 180);

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, String> statusByName = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : run.out().strip().split("\n")) {
            JsonNode node = mapper.readTree(line);
            statusByName.put(node.get("id").asText().replaceAll("^.*/", ""), node.get("status").asText());
            assertThat(node.get("leanVersion").asText()).isEqualTo("simulated");
        }
        assertThat(statusByName).containsEntry("add_zero", "VERIFIED").containsEntry("unfinished", "SORRY");
    }

    @Test
    void kcatProducesAProofAndReadsItsCommittedResult() throws Exception {
        assumeTrue(onPath("kcat"), "skipped: kcat is not installed (apt-get install kcat)");
        String id = "kcat-" + System.nanoTime();
        String proof = "{\"id\": \"" + id + "\", \"code\": \"theorem t (p : Prop) (h : p) : p := h\"}\n";

        Run produced = run(List.of("kcat", "-P", "-b", stack.bootstrapServers(), "-t", settings.get("topics.proofs"),
                "-k", id), proof, 60);
        assertThat(produced.exit()).as(produced.err()).isZero();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline && lines.stream().noneMatch(l -> l.startsWith(id + "\t"))) {
            Run consumed = run(List.of("kcat", "-C", "-b", stack.bootstrapServers(), "-t", settings.get("topics.results"),
                    "-X", "isolation.level=read_committed", "-o", "beginning", "-e", "-q", "-f", "%k\t%s\n"), null, 60);
            lines = List.of(consumed.out().split("\n"));
        }
        String line = lines.stream().filter(l -> l.startsWith(id + "\t")).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + id + " read by kcat"));
        JsonNode result = new ObjectMapper().readTree(line.substring(line.indexOf('\t') + 1));
        assertThat(result.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(result.get("id").asText()).isEqualTo(id);
    }
}
