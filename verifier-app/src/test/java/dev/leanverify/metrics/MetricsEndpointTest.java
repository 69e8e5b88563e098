package dev.leanverify.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.service.VerifierService;
import dev.leanverify.testing.EmbeddedStack;
import dev.leanverify.testing.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scrapes a running verifier's /metrics and health endpoints and watches the counters move. */
@Tag("integration")
class MetricsEndpointTest {
    private static EmbeddedStack stack;
    private static VerifierService service;
    private static Map<String, String> settings;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        settings = stack.settings("metrics");
        settings.put("metrics.port", "0");
        settings.put("metrics.bind.address", "127.0.0.1");
        service = stack.startVerifier(settings);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.metricsPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sum of every sample of a metric whose labels contain {@code labels}. */
    private double value(String scrape, String metric, String labels) {
        double sum = 0;
        Matcher m = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(scrape);
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void countersMoveAsProofsAreVerified() throws Exception {
        String before = get("/metrics").body();
        List<byte[][]> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(new byte[][] {null, EmbeddedStack.utf8("{\"id\": \"m-" + i + "\", \"code\": \"import Mathlib\\n"
                    + "theorem t" + i + " : True := trivial\"}")});
        }
        records.add(new byte[][] {null, EmbeddedStack.utf8("{\"id\": \"m-sorry\", \"code\": \"theorem s (n : Nat) : n = n := by\\n  sorry\"}")});
        records.add(new byte[][] {null, EmbeddedStack.utf8("{\"id\": \"m-timeout\", \"code\": \"-- sim: hang\\ntheorem h : True := trivial\","
                + " \"timeoutSeconds\": 1}")});
        records.add(new byte[][] {null, EmbeddedStack.utf8("{\"code\": \"no id\"}")});
        records.add(new byte[][] {null, EmbeddedStack.utf8("not json")});
        stack.send(settings.get("topics.proofs"), records);

        Processes.await(() -> {
            try {
                return value(get("/metrics").body(), "leanverify_proofs_total", "") >= 9;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(90), "9 proofs counted in /metrics");
        String after = get("/metrics").body();

        assertThat(value(after, "leanverify_proofs_total", "status=\"VERIFIED\"")
                - value(before, "leanverify_proofs_total", "status=\"VERIFIED\"")).isEqualTo(6);
        assertThat(value(after, "leanverify_proofs_total", "status=\"SORRY\"")).isEqualTo(1);
        assertThat(value(after, "leanverify_proofs_total", "status=\"TIMEOUT\"")).isEqualTo(1);
        assertThat(value(after, "leanverify_proofs_total", "status=\"INVALID_REQUEST\"")).isEqualTo(1);
        assertThat(value(after, "leanverify_dead_letters_total", "reason=\"not-json\"")).isEqualTo(1);
        assertThat(value(after, "leanverify_header_cache_hits_total", "")
                + value(after, "leanverify_header_cache_misses_total", "")).isEqualTo(8);
        assertThat(value(after, "leanverify_header_cache_hits_total", "")).isGreaterThan(0);
        assertThat(value(after, "leanverify_repl_starts_total", "")).isGreaterThanOrEqualTo(2);
        assertThat(value(after, "leanverify_repl_retired_total", "reason=\"timeout\"")).isEqualTo(1);
        assertThat(value(after, "leanverify_lean_seconds_count", "")).isEqualTo(8);
        assertThat(value(after, "leanverify_end_to_end_seconds_count", "")).isEqualTo(8);
        assertThat(after).contains("leanverify_lean_seconds_bucket").contains("kafka_consumer_fetch_manager_records_lag_max")
                .contains("leanverify_repl_resident_memory_bytes").contains("jvm_memory_used_bytes")
                .contains("leanverify_repl_memory_budget_used_bytes").contains("leanverify_repl_memory_budget_evictions_total")
                .contains("leanverify_repl_live");
        assertThat(value(after, "leanverify_repl_memory_budget_limit_bytes", "")).as("the auto budget is on by default")
                .isGreaterThan(0);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        // lean.sandbox=auto: sandboxed exactly when bwrap works on this machine, and both endpoints say so
        boolean sandboxed = dev.leanverify.repl.sandbox.Sandbox.open(dev.leanverify.repl.sandbox.SandboxConfig
                .defaults(dev.leanverify.repl.sandbox.SandboxMode.AUTO), false).enabled();
        assertThat(value(after, "leanverify_repl_sandboxed", "")).isEqualTo(sandboxed ? 1 : 0);
        assertThat(get("/health/ready").body()).contains("\"sandboxed\":" + sandboxed);
    }
}
