package dev.leanverify.config;

import java.util.Set;

/**
 * Settings of the HTTP endpoint that serves metrics and health.
 *
 * @param port 0 to pick a free port, -1 to serve nothing
 */
public record MetricsSettings(int port, String bindAddress) {

    public static final Set<String> KEYS = Set.of("metrics.port", "metrics.bind.address");

    static MetricsSettings from(Settings s) {
        return new MetricsSettings(s.integer("metrics.port", 9464, -1, 65535),
                s.string("metrics.bind.address", "0.0.0.0"));
    }
}
