package dev.leanverify.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.config.ConfigException;
import dev.leanverify.embedded.BrokerSettings;
import dev.leanverify.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Kafka and the registry checked first, with a short timeout, each failure one sentence. */
@Tag("integration")
class KafkaReachabilityTest {
    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static Properties servers(String servers) {
        Properties p = new Properties();
        p.put("bootstrap.servers", servers);
        return p;
    }

    @Test
    void aRefusedConnectionIsNamedWithTheWayToStartABroker() throws IOException {
        String address = "127.0.0.1:" + closedPort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> KafkaReachability.check(servers(address), Duration.ofSeconds(10), List.of()))
                .isInstanceOf(UnreachableException.class)
                .hasMessage("cannot reach Kafka at " + address + " (connection refused) — " + KafkaReachability.START_ONE
                        + ", or set bootstrap.servers");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPeerThatAcceptsButIsNotKafkaFailsWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> KafkaReachability.check(servers("127.0.0.1:" + silent.getLocalPort()),
                    Duration.ofSeconds(2), List.of()))
                    .isInstanceOf(UnreachableException.class)
                    .hasMessageContaining("accepts connections but did not answer within 2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void badAddressesAreConfigurationErrors() {
        assertThatThrownBy(() -> KafkaReachability.addresses("localhost")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not HOST:PORT");
        assertThat(KafkaReachability.addresses("PLAINTEXT://a:1, b:2")).containsExactly("a:1", "b:2");
    }

    @Test
    void theJavaClientFailsFastWhenKafkaIsUnreachable() throws IOException {
        String address = "127.0.0.1:" + closedPort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> LeanVerifyClient.builder().bootstrapServers(address).build())
                .isInstanceOf(UnreachableException.class)
                .hasMessageContaining("cannot reach Kafka at " + address + " (connection refused)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReachableClusterPassesAndAMissingTopicIsNamed() {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.builder().port(0).build())) {
            broker.start();
            broker.createTopics(Map.of("present", 1));
            Properties p = servers(broker.bootstrapServers());
            KafkaReachability.check(p, Duration.ofSeconds(10), List.of("present"));
            assertThatThrownBy(() -> KafkaReachability.check(p, Duration.ofSeconds(10), List.of("present", "absent")))
                    .isInstanceOf(UnreachableException.class)
                    .hasMessageContaining("topic 'absent' does not exist on Kafka at " + broker.bootstrapServers());
        }
    }

    @Test
    void anUnreachableRegistryIsNamedAndMockRegistriesNeedNoCheck() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        assertThatThrownBy(() -> RegistryReachability.check(url, Duration.ofSeconds(5)))
                .isInstanceOf(UnreachableException.class)
                .hasMessageStartingWith("cannot reach the schema registry at " + url + " (connection refused)");
        RegistryReachability.check("mock://anything", Duration.ofSeconds(5));
    }
}
