package dev.leanverify.service;

import dev.leanverify.config.AppSettings;
import dev.leanverify.metrics.HealthCheck;
import dev.leanverify.metrics.MetricsServer;
import dev.leanverify.metrics.PeriodicSummary;
import dev.leanverify.metrics.VerifierMetrics;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.codec.CodecsFactory;
import dev.leanverify.verify.ReplSpecs;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole verifier instance as a user runs it: the Kafka Streams app, its metrics and the HTTP
 * endpoint for metrics and health. Closing stops them in the safe order (streams, then REPLs,
 * then the endpoint).
 */
public final class VerifierService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierService.class);

    private final AppSettings settings;
    private final VerifierApp app;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HealthCheck health;
    private final VerifierMetrics metrics;
    private final MetricsServer server;
    private PeriodicSummary summary;

    private VerifierService(AppSettings settings, VerifierApp app, PrometheusMeterRegistry registry,
                            KafkaStreamsMetrics streamsMetrics, HealthCheck health, VerifierMetrics metrics,
                            MetricsServer server) {
        this.server = server;
        this.metrics = metrics;
        this.settings = settings;
        this.app = app;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.health = health;
    }

    /** Builds (creating topics) but does not start. */
    public static VerifierService create(AppSettings settings, SchemaRegistries registries) {
        Objects.requireNonNull(settings, "settings");
        ReplSpec spec = ReplSpecs.from(settings.lean(), SimulatedReplCommand::commandLineFor);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("instance_id", settings.stream().instanceId());
        // the metrics object needs the per-thread verifiers, which the app creates: bind in two steps
        MetricsHolder holder = new MetricsHolder();
        // The HTTP port is bound before the streams exist: with run statistics on, it is advertised
        // to the other instances (application.server) so they can forward queries here.
        java.util.concurrent.atomic.AtomicReference<HealthCheck> healthRef = new java.util.concurrent.atomic.AtomicReference<>();
        MetricsServer server = bindServer(settings, registry, healthRef);
        StatsWiring stats;
        VerifierApp app = null;
        try {
            stats = StatsWiring.prepare(settings, registries, registry, server);
            app = VerifierApp.create(stats.settings(), spec, CodecsFactory.create(settings.stream(), registries),
                    holder, stats.tap());
            stats.complete(app.streams(), server);
        } catch (RuntimeException e) {
            if (app != null) {
                app.close(Duration.ofSeconds(10));
            }
            if (server != null) {
                server.close();
            }
            throw e;
        }
        holder.metrics = new VerifierMetrics(registry, app.verifiers());
        VerifierMetrics.bindMemoryBudget(registry, app.memoryBudget());
        VerifierMetrics.bindSlots(registry, app.slots());
        io.micrometer.core.instrument.Gauge.builder("leanverify.repl.sandboxed", () -> spec.sandbox().enabled() ? 1 : 0)
                .description("1 when REPLs run in the bubblewrap sandbox, 0 when not (lean.sandbox)")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(app.streams());
        streamsMetrics.bindTo(registry);
        HealthCheck health = new HealthCheck(app::state, app.verifiers(), spec.sandbox().enabled());
        healthRef.set(health);
        return new VerifierService(stats.settings(), app, registry, streamsMetrics, health, holder.metrics, server);
    }

    private static MetricsServer bindServer(AppSettings settings, PrometheusMeterRegistry registry,
                                            java.util.concurrent.atomic.AtomicReference<HealthCheck> health) {
        int port = settings.metrics().port();
        if (port < 0) {
            return null;
        }
        try {
            return MetricsServer.bind(settings.metrics().bindAddress(), port, registry, () -> {
                HealthCheck h = health.get();
                return h == null ? new dev.leanverify.metrics.Health(false, "starting") : h.get();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the streams (waiting until they run) and the metrics endpoint. */
    public void start(Duration wait) {
        app.start(wait);
        summary = new PeriodicSummary(metrics, app.verifiers(), settings.metrics().summaryInterval());
        if (server != null) {
            server.serve();
        }
    }

    public VerifierApp app() {
        return app;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public HealthCheck health() {
        return health;
    }

    /** The metrics endpoint's port, or -1 when it is off. */
    public int metricsPort() {
        return server == null ? -1 : server.port();
    }

    public boolean close(Duration timeout) {
        if (summary != null) {
            summary.close();
        }
        boolean clean = app.close(timeout);
        streamsMetrics.close();
        if (server != null) {
            server.close();
        }
        LOG.info("verifier instance {} stopped{}", settings.stream().instanceId(), clean ? "" : " (not cleanly)");
        return clean;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(60));
    }

    /** Forwards to the metrics once they exist (they need the app, which needs a listener). */
    private static final class MetricsHolder implements dev.leanverify.stream.VerifyListener {
        private volatile VerifierMetrics metrics;

        @Override
        public void verified(dev.leanverify.verify.VerificationReport report,
                             dev.leanverify.schema.VerificationResult result) {
            VerifierMetrics m = metrics;
            if (m != null) {
                m.verified(report, result);
            }
        }

        @Override
        public void rejected(dev.leanverify.schema.VerificationResult result) {
            VerifierMetrics m = metrics;
            if (m != null) {
                m.rejected(result);
            }
        }

        @Override
        public void deadLettered(String reason) {
            VerifierMetrics m = metrics;
            if (m != null) {
                m.deadLettered(reason);
            }
        }

        @Override
        public void verdictCacheHit(dev.leanverify.schema.VerificationResult result) {
            VerifierMetrics m = metrics;
            if (m != null) {
                m.verdictCacheHit(result);
            }
        }

        @Override
        public void verdictCacheMiss() {
            VerifierMetrics m = metrics;
            if (m != null) {
                m.verdictCacheMiss();
            }
        }

        @Override
        public void verdictCacheStored(int bytes) {
            VerifierMetrics m = metrics;
            if (m != null) {
                m.verdictCacheStored(bytes);
            }
        }

        @Override
        public void verdictCacheEvicted(long expired, long evicted) {
            VerifierMetrics m = metrics;
            if (m != null) {
                m.verdictCacheEvicted(expired, evicted);
            }
        }
    }
}
