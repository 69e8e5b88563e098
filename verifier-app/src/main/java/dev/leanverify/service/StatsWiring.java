package dev.leanverify.service;

import dev.leanverify.config.AppSettings;
import dev.leanverify.config.ConfigException;
import dev.leanverify.config.StatsSettings;
import dev.leanverify.metrics.MetricsServer;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.stats.RunGauges;
import dev.leanverify.stats.RunStatsQueries;
import dev.leanverify.stats.RunsHttpHandler;
import dev.leanverify.stats.StatsCodecs;
import dev.leanverify.stats.StatsTopic;
import dev.leanverify.stats.StatsTopology;
import dev.leanverify.stream.ResultTap;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Puts the run statistics into an instance: the aggregation attached to
 * the topology, {@code application.server} set to this instance's HTTP endpoint (unless given),
 * the stats topic ensured and {@code /runs} served there. With stats.enabled=false it adds nothing.
 *
 * @param settings the settings to run with (with application.server added when it applies)
 * @param tap      what the topology attaches to the results
 */
record StatsWiring(AppSettings settings, ResultTap tap) {
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

    static StatsWiring prepare(AppSettings settings, SchemaRegistries registries, MeterRegistry meters,
                               MetricsServer server) {
        StatsSettings stats = settings.stats();
        if (!stats.enabled()) {
            return new StatsWiring(settings, ResultTap.NONE);
        }
        AppSettings withServer = settings;
        if (server != null && !settings.kafkaProperties().containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG)) {
            Map<String, String> kafka = new TreeMap<>(settings.kafkaProperties());
            kafka.put(StreamsConfig.APPLICATION_SERVER_CONFIG, stats.advertisedHost() + ":" + server.port());
            withServer = settings.withKafkaProperties(kafka);
        }
        return new StatsWiring(withServer, new StatsTopology(stats,
                StatsCodecs.forTopic(settings.stream(), registries), new RunGauges(meters, stats.gaugeMaxRuns())));
    }

    /**
     * Creates the stats topic when missing (after the app has ensured its own topics: on a fresh
     * broker those come first) and serves {@code /runs} on the instance's HTTP endpoint (when
     * there is one). Call before the streams start.
     */
    void complete(KafkaStreams streams, MetricsServer server) {
        if (!settings.stats().enabled()) {
            return;
        }
        StatsTopic.ensure(settings.stream(), settings.stats(), settings.kafkaPropertiesCopy());
        if (server == null) {
            return;
        }
        String advertised = settings.kafkaProperties().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        server.route("/runs", new RunsHttpHandler(new RunStatsQueries(streams, hostInfo(advertised),
                settings.stats().passAtK()), FORWARD_TIMEOUT));
    }

    private static HostInfo hostInfo(String endpoint) {
        try {
            return HostInfo.buildFromEndpoint(endpoint);
        } catch (RuntimeException e) {
            throw new ConfigException("application.server must be host:port, got '" + endpoint + "'");
        }
    }
}
