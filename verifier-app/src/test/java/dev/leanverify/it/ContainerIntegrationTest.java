package dev.leanverify.it;

import dev.leanverify.testing.EmbeddedStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The full-pipeline scenario against Kafka and a Confluent schema registry in containers (the
 * Avro records of the bad-input corpus go through the real registry's REST API). Needs a Docker
 * engine; without one it is skipped
 * (disabledWithoutDocker) and the embedded-broker run in {@link VerifierIntegrationTest} covers it.
 */
@Tag("integration")
@Testcontainers(disabledWithoutDocker = true)
class ContainerIntegrationTest {
    private static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.4.0");
    private static final DockerImageName REGISTRY = DockerImageName.parse("confluentinc/cp-schema-registry:8.0.0");
    private static Network network;
    private static KafkaContainer kafka;
    private static GenericContainer<?> registry;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        network = Network.newNetwork();
        kafka = new KafkaContainer(KAFKA).withNetwork(network).withNetworkAliases("kafka")
                .withListener("kafka:19092");
        kafka.start();
        registry = new GenericContainer<>(REGISTRY).withNetwork(network).withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        registry.start();
        stack = EmbeddedStack.onCluster(kafka.getBootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (registry != null) {
            registry.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void everyProofAndEveryBadRecordEndsExactlyOnceOnContainerKafkaWithARealRegistry() {
        Map<String, String> settings = stack.settings("containers");
        settings.put("schema.registry.url", "http://" + registry.getHost() + ":" + registry.getMappedPort(8081));
        new FullPipelineScenario(stack).run("containers", settings);
    }
}
