package dev.leanverify.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * How to run an {@link EmbeddedKafkaBroker}: ports on 127.0.0.1, where its data lives, its
 * cluster id and extra broker properties. Validated here, so a bad value fails before any
 * file or socket is touched.
 *
 * @param port            client (PLAINTEXT) port; 0 picks a free one
 * @param controllerPort  KRaft controller port; 0 picks a free one
 * @param dataDir         directory kept across restarts (topics and committed records survive);
 *                        empty for a temporary directory deleted on close
 * @param clusterId       cluster id to format a new data directory with; empty to reuse the one
 *                        formatted there or, for a new directory, a random one
 * @param extraProperties broker properties added to (or overriding) the defaults; the keys that
 *                        define the node's identity, listeners and storage are refused
 * @param startTimeout    how long {@link EmbeddedKafkaBroker#start()} waits for the broker to
 *                        accept connections
 * @param closeTimeout    how long {@link EmbeddedKafkaBroker#close()} waits for a clean shutdown
 */
public record BrokerSettings(int port, int controllerPort, Optional<Path> dataDir, Optional<String> clusterId,
                             Map<String, String> extraProperties, Duration startTimeout, Duration closeTimeout) {

    /** Properties that {@link BrokerProperties} derives from the ports and the data directory. */
    static final Set<String> RESERVED = Set.of("node.id", "broker.id", "process.roles", "listeners",
            "advertised.listeners", "listener.security.protocol.map", "controller.listener.names",
            "inter.broker.listener.name", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dirs", "log.dir", "metadata.log.dir");

    public BrokerSettings {
        checkPort("port", port);
        checkPort("controller port", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controller port must differ, both were " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clusterId, "clusterId");
        clusterId.ifPresent(BrokerSettings::checkClusterId);
        extraProperties = Map.copyOf(extraProperties);
        for (String key : extraProperties.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("broker property '" + key
                        + "' is set by the embedded broker from its ports and data directory; it cannot be overridden");
            }
        }
        checkPositive("start timeout", startTimeout);
        checkPositive("close timeout", closeTimeout);
    }

    /** A builder starting from free ports, a temporary directory and 60 s / 30 s timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    private static void checkPort(String name, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535 (0 picks a free port), was " + value);
        }
    }

    private static void checkClusterId(String id) {
        try {
            Uuid.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster id must be a 22-character base64 UUID (as kafka-storage"
                    + " random-uuid prints), was '" + id + "'", e);
        }
    }

    private static void checkPositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDir;
        private String clusterId;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** A directory kept across restarts; created if missing. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        public Builder clusterId(String clusterId) {
            this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
            return this;
        }

        public Builder property(String key, String value) {
            extraProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the first rule a value breaks */
        public BrokerSettings build() {
            return new BrokerSettings(port, controllerPort, Optional.ofNullable(dataDir), Optional.ofNullable(clusterId),
                    extraProperties, startTimeout, closeTimeout);
        }
    }
}
