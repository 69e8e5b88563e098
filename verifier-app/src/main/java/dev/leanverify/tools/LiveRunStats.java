package dev.leanverify.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a run's live statistics from a verifier instance's HTTP endpoint ({@code GET /runs/{id}},
 * any instance: it forwards to the owner), instead of consuming every result.
 */
public final class LiveRunStats {
    private final URI service;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();

    /** The answer: 200 with the aggregate, 404 (unknown run) or another status, with the JSON body. */
    public record Answer(int status, JsonNode body) {
        public boolean found() {
            return status == 200;
        }

        public long results() {
            return body.path("results").asLong();
        }
    }

    public LiveRunStats(URI service, Duration timeout) {
        this.service = Objects.requireNonNull(service, "service");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @throws IOException when the service cannot be reached or does not answer JSON */
    public Answer fetch(String runId) throws IOException, InterruptedException {
        URI uri = service.resolve("/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("cannot reach the verifier at " + uri + " (is --service right, and metrics.port"
                    + " open?): " + e, e);
        }
        try {
            return new Answer(r.statusCode(), mapper.readTree(r.body()));
        } catch (IOException e) {
            throw new IOException(uri + " answered " + r.statusCode() + " with something other than JSON: "
                    + r.body().lines().findFirst().orElse(""), e);
        }
    }

    /** One line of progress: results (of expected), pass rate, pass@k, statuses, latency. */
    public static String line(JsonNode s, long expected) {
        StringBuilder b = new StringBuilder();
        b.append("run ").append(s.path("runId").asText()).append(": ").append(s.path("results").asLong());
        if (expected > 0) {
            b.append('/').append(expected);
        }
        b.append(" results, pass rate ").append(String.format(Locale.ROOT, "%.1f%%", 100 * s.path("passRate").asDouble()));
        for (JsonNode p : s.path("passAtK")) {
            if (!p.path("value").isNull()) {
                b.append(String.format(Locale.ROOT, ", pass@%d %.3f (%d problems)", p.path("k").asInt(),
                        p.path("value").asDouble(), p.path("problems").asLong()));
            }
        }
        b.append(" | ");
        var statuses = s.path("statusCounts").fields();
        boolean first = true;
        while (statuses.hasNext()) {
            var e = statuses.next();
            b.append(first ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asLong());
            first = false;
        }
        b.append(String.format(Locale.ROOT, " | lean p50 %d ms p99 %d ms, end-to-end p50 %d ms p99 %d ms",
                s.path("leanMs").path("p50").asLong(), s.path("leanMs").path("p99").asLong(),
                s.path("totalMs").path("p50").asLong(), s.path("totalMs").path("p99").asLong()));
        if (s.path("problemsTruncated").asBoolean()) {
            b.append(" | problem table truncated (stats.max.problems)");
        }
        return b.toString();
    }
}
