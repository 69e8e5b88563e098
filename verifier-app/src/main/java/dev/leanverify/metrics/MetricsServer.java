package dev.leanverify.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text format), {@code /health/live} (the process answers)
 * and {@code /health/ready} (200 when ready, 503 with the reason otherwise). The JDK's built-in
 * HTTP server is enough for three read-only endpoints scraped every few seconds.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    public static MetricsServer start(String bindAddress, int port, PrometheusMeterRegistry registry,
                                      Supplier<Health> health) throws IOException {
        MetricsServer server = bind(bindAddress, port, registry, health);
        server.serve();
        return server;
    }

    /**
     * Binds the port (so {@link #port()} is known, e.g. to advertise it to other instances) and
     * sets up the endpoints, but answers nothing until {@link #serve()}; more endpoints may be
     * added with {@link #route} before that.
     */
    public static MetricsServer bind(String bindAddress, int port, PrometheusMeterRegistry registry,
                                     Supplier<Health> health) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + bindAddress + ":" + port + " (metrics.port): "
                    + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health/live", exchange -> respond(exchange, 200, "application/json",
                "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", exchange -> {
            Health h = health.get();
            respond(exchange, h.ready() ? 200 : 503, "application/json", "{\"status\":\"" + (h.ready() ? "UP" : "DOWN")
                    + "\",\"detail\":" + quote(h.detail()) + ",\"sandboxed\":" + h.sandboxed() + "}");
        });
        // a few threads: a stats query may wait on another instance that is querying this one
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        }));
        return new MetricsServer(server);
    }

    /** Adds an endpoint (before {@link #serve()}). */
    public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Starts answering. */
    public void serve() {
        server.start();
        LOG.info("metrics and health on http://{}:{}/metrics", server.getAddress().getHostString(),
                server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
