package dev.leanverify.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RegistryClientConfigTest {

    @Test
    void readsConfluentAuthKeysAndOwnKeysFromProperties() {
        Properties props = new Properties();
        props.put("basic.auth.credentials.source", "USER_INFO");
        props.put("basic.auth.user.info", "alice:s3cret");
        props.put("schema.registry.request.timeout.ms", "2500");
        props.put("schema.registry.cache.capacity", "50");
        props.put("bootstrap.servers", "ignored:9092");

        RegistryClientConfig config = RegistryClientConfig.fromProperties(props);

        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.basicAuth()).contains("alice:s3cret");
        assertThat(config.cacheCapacity()).isEqualTo(50);
    }

    @Test
    void missingPropertiesMeanDefaults() {
        assertThat(RegistryClientConfig.fromProperties(Map.of())).isEqualTo(RegistryClientConfig.defaults());
    }

    @Test
    void rejectsMalformedValuesNamingTheKey() {
        assertThatThrownBy(() -> RegistryClientConfig.fromProperties(Map.of("schema.registry.request.timeout.ms", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.request.timeout.ms")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> RegistryClientConfig.fromProperties(Map.of("basic.auth.user.info", "alice")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user:password");
        assertThatThrownBy(() -> RegistryClientConfig.fromProperties(Map.of("basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SASL_INHERIT");
        assertThatThrownBy(() -> RegistryClientConfig.defaults().withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> RegistryClientConfig.defaults().withCacheCapacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void toStringHidesThePassword() {
        String text = RegistryClientConfig.defaults().withBasicAuthUserInfo("alice:s3cret").toString();

        assertThat(text).contains("alice").doesNotContain("s3cret");
    }
}
