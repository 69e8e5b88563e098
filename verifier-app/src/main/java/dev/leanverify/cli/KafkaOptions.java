package dev.leanverify.cli;

import dev.leanverify.client.KafkaReachability;
import dev.leanverify.client.RegistryReachability;
import dev.leanverify.config.ConnectCheck;
import dev.leanverify.config.KnownSettings;
import dev.leanverify.config.Settings;
import dev.leanverify.config.StreamSettings;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Option;

/** Options of the commands that talk to a running verifier through Kafka (submit, collect, check --kafka). */
final class KafkaOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (the verifier's own works: bootstrap.servers, topics.*, schema.registry.url).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka brokers (default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL", description = "Schema registry URL (for Avro).")
    String registry;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set topics.proofs=my.proofs.")
    Map<String, String> sets = new LinkedHashMap<>();

    Settings settings() {
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        if (bootstrapServers != null) {
            overrides.put("bootstrap.servers", bootstrapServers);
        }
        if (registry != null) {
            overrides.put("schema.registry.url", registry);
        }
        Settings settings = Settings.load(config, System.getenv(), overrides);
        KnownSettings.check(settings);
        return settings;
    }

    /**
     * Before any real work: Kafka answers and these topics exist, and an HTTP schema registry
     * answers when one is needed, each within connect.check.timeout.ms.
     *
     * @throws dev.leanverify.client.UnreachableException saying what is missing and what to do
     */
    void checkReachable(Collection<String> topics, boolean needsRegistry) {
        Settings s = settings();
        ConnectCheck check = ConnectCheck.from(s);
        if (!check.enabled()) {
            return;
        }
        KafkaReachability.check(clientProperties(AdminClientConfig.configNames()), check.timeout(), topics);
        if (needsRegistry) {
            RegistryReachability.check(StreamSettings.from(s).schemaRegistryUrl(), check.timeout());
        }
    }

    StreamSettings stream() {
        return StreamSettings.from(settings());
    }

    /** Client properties: the bootstrap servers plus any security or client setting given. */
    Properties clientProperties(Set<String> allowed) {
        Settings s = settings();
        Properties p = new Properties();
        s.asMap().forEach((k, v) -> {
            if (allowed.contains(k)) {
                p.put(k, v);
            }
        });
        p.put("bootstrap.servers", StreamSettings.from(s).bootstrapServers());
        return p;
    }

    Properties producerProperties() {
        return clientProperties(ProducerConfig.configNames());
    }

    Properties consumerProperties() {
        return clientProperties(ConsumerConfig.configNames());
    }
}
