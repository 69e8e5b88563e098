package dev.leanverify.config;

import java.util.Set;

/**
 * Settings of the HTTP endpoint that serves metrics and health.
 *
 * @param port            0 to pick a free port, -1 to serve nothing
 * @param summaryInterval how often a summary line of the work done is logged (at info)
 */
public record MetricsSettings(int port, String bindAddress, java.time.Duration summaryInterval) {

    public static final Set<String> KEYS = Set.of("metrics.port", "metrics.bind.address",
            "metrics.log.interval.seconds");

    static MetricsSettings from(Settings s) {
        return new MetricsSettings(s.integer("metrics.port", 9464, -1, 65535),
                s.string("metrics.bind.address", "0.0.0.0"),
                java.time.Duration.ofSeconds(s.integer("metrics.log.interval.seconds", 60, 1, 86_400)));
    }
}
