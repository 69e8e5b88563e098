package dev.leanverify.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.leanverify.schema.RunStats;
import dev.leanverify.codec.output.AvroJsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /runs} (every known run with its counts, gathered from every instance) and
 * {@code GET /runs/{runId}} (the run's whole aggregate, read on the instance that owns it: this
 * one answers from its own store or forwards to the owner, falling back to a standby copy when
 * the owner does not answer). Unknown runs are a 404 with a JSON body saying so.
 */
public final class RunsHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RunsHttpHandler.class);
    /** Response header naming the instance whose store answered. */
    public static final String SERVED_BY = "X-Leanverify-Served-By";
    private static final String LOCAL = "local=";

    private final RunStatsQueries queries;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AvroJsonWriter json = new AvroJsonWriter();

    public RunsHttpHandler(RunStatsQueries queries, Duration timeout) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    private record Reply(int status, String body, String servedBy) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                reply = error(405, "method not allowed", "only GET is served here");
            } else {
                URI uri = exchange.getRequestURI();
                String path = uri.getPath();
                String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
                if (path.equals("/runs") || path.equals("/runs/")) {
                    reply = query.startsWith(LOCAL) ? localRuns() : allRuns();
                } else if (path.startsWith("/runs/") && path.indexOf('/', 6) < 0) {
                    String runId = path.substring(6);
                    reply = query.startsWith(LOCAL) ? localRun(runId, query.equals(LOCAL + "standby")) : run(runId);
                } else {
                    reply = error(404, "not found", "use GET /runs or GET /runs/{runId}");
                }
            }
        } catch (RunStatsQueries.Unavailable e) {
            reply = error(503, "unavailable", e.getMessage());
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            reply = error(503, "unavailable", "the run statistics store is moving (" + e.getMessage() + "); retry shortly");
        } catch (RuntimeException e) {
            LOG.error("stats query {} failed", exchange.getRequestURI(), e);
            reply = error(500, "internal error", e.toString());
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (reply.servedBy() != null) {
            exchange.getResponseHeaders().set(SERVED_BY, reply.servedBy());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply run(String runId) {
        List<HostInfo> owners = queries.owners(runId);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            HostInfo host = owners.get(i);
            boolean standby = i > 0;
            if (host.equals(queries.self())) {
                return localRun(runId, standby);
            }
            try {
                HttpResponse<String> r = get(host, "/runs/" + encode(runId) + "?" + LOCAL + (standby ? "standby" : "active"));
                if (r.statusCode() == 200 || r.statusCode() == 404) {
                    return new Reply(r.statusCode(), r.body(), r.headers().firstValue(SERVED_BY).orElse(describe(host)));
                }
                failures.add(describe(host) + " answered " + r.statusCode() + ": " + r.body());
            } catch (IOException e) {
                failures.add(describe(host) + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(503, "unavailable", "interrupted");
            }
        }
        return error(503, "unavailable", "no owner of run '" + runId + "' answered: " + String.join("; ", failures));
    }

    private Reply localRun(String runId, boolean stale) {
        Optional<RunStats> stats = queries.local(runId, stale);
        if (stats.isEmpty()) {
            ObjectNode body = mapper.createObjectNode();
            body.put("error", "unknown run");
            body.put("runId", runId);
            body.put("detail", "no result of run '" + runId + "' has been counted; GET /runs lists the known runs");
            return new Reply(404, body.toString(), describe(queries.self()));
        }
        return new Reply(200, new String(json.write(stats.get()), StandardCharsets.UTF_8), describe(queries.self()));
    }

    private Reply localRuns() {
        ArrayNode runs = mapper.createArrayNode();
        for (RunStats s : queries.localRuns()) {
            runs.add(summary(s));
        }
        return new Reply(200, runs.toString(), describe(queries.self()));
    }

    private Reply allRuns() {
        List<JsonNode> runs = new ArrayList<>();
        ArrayNode unavailable = mapper.createArrayNode();
        for (HostInfo host : queries.instances()) {
            try {
                if (host.equals(queries.self())) {
                    queries.localRuns().forEach(s -> runs.add(summary(s)));
                } else {
                    HttpResponse<String> r = get(host, "/runs?" + LOCAL + "active");
                    if (r.statusCode() != 200) {
                        unavailable.add(describe(host) + " answered " + r.statusCode());
                        continue;
                    }
                    mapper.readTree(r.body()).forEach(runs::add);
                }
            } catch (RunStatsQueries.Unavailable | IOException e) {
                unavailable.add(describe(host) + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(503, "unavailable", "interrupted");
            }
        }
        runs.sort(Comparator.comparing((JsonNode n) -> n.get("lastResultAtMs").asLong()).reversed());
        ObjectNode body = mapper.createObjectNode();
        body.putArray("runs").addAll(runs);
        body.set("unavailable", unavailable);
        return new Reply(200, body.toString(), null);
    }

    private ObjectNode summary(RunStats s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("runId", s.getRunId());
        n.put("results", s.getResults());
        n.put("verified", s.getVerified());
        n.put("passRate", s.getPassRate());
        ObjectNode statuses = n.putObject("statusCounts");
        s.getStatusCounts().forEach(statuses::put);
        n.put("problems", s.getProblemCount());
        n.put("problemsTruncated", s.getProblemsTruncated());
        n.put("firstResultAtMs", s.getFirstResultAtMs());
        n.put("lastResultAtMs", s.getLastResultAtMs());
        return n;
    }

    private HttpResponse<String> get(HostInfo host, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(timeout).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Reply error(int status, String error, String detail) {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", error);
        body.put("detail", detail);
        return new Reply(status, body.toString(), null);
    }

    private static String encode(String runId) {
        return URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
