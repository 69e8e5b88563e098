package dev.leanverify.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Settings are checked before anything is touched; properties carry the single-node defaults. */
@Tag("unit")
class BrokerSettingsTest {

    @Test
    void defaultsToFreePortsAndATemporaryDirectory() {
        BrokerSettings settings = BrokerSettings.builder().build();
        assertThat(settings.port()).isZero();
        assertThat(settings.controllerPort()).isZero();
        assertThat(settings.dataDir()).isEmpty();
        assertThat(settings.clusterId()).isEmpty();
    }

    @Test
    void rejectsPortsOutOfRangeOrEqual() {
        assertThatThrownBy(() -> BrokerSettings.builder().port(-1).build())
                .hasMessage("port must be between 0 and 65535 (0 picks a free port), was -1");
        assertThatThrownBy(() -> BrokerSettings.builder().controllerPort(65536).build())
                .hasMessage("controller port must be between 0 and 65535 (0 picks a free port), was 65536");
        assertThatThrownBy(() -> BrokerSettings.builder().port(9092).controllerPort(9092).build())
                .hasMessage("port and controller port must differ, both were 9092");
    }

    @Test
    void rejectsPropertiesThatDefineTheNode() {
        assertThatThrownBy(() -> BrokerSettings.builder().property("listeners", "PLAINTEXT://:9092").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broker property 'listeners' is set by the embedded broker");
    }

    @Test
    void rejectsAClusterIdThatIsNotAUuid() {
        assertThatThrownBy(() -> BrokerSettings.builder().clusterId("my-cluster").build())
                .hasMessageStartingWith("cluster id must be a 22-character base64 UUID");
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        assertThatThrownBy(() -> BrokerSettings.builder().startTimeout(Duration.ZERO).build())
                .hasMessage("start timeout must be positive, was PT0S");
    }

    @Test
    void extraPropertiesOverrideTheDefaults() {
        Properties p = BrokerProperties.of(9092, 9093, Path.of("/data/kafka"),
                BrokerSettings.builder().property("num.partitions", "3").property("message.max.bytes", "1024")
                        .build().extraProperties());
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:9093");
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("num.partitions")).isEqualTo("3");
        assertThat(p.getProperty("message.max.bytes")).isEqualTo("1024");
    }
}
