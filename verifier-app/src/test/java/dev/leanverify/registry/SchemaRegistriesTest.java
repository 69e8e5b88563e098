package dev.leanverify.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.schema.ProofRequest;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class SchemaRegistriesTest {
    private final SchemaRegistries registries = new SchemaRegistries();
    private final String scope = "test-" + UUID.randomUUID();

    @Test
    void sameMockScopeSharesOneRegistry() {
        SchemaRegistry a = registries.forUrl("mock://" + scope);
        SchemaRegistry b = registries.forUrl("mock://" + scope);

        int id = a.register("lean.proofs-value", ProofRequest.getClassSchema());

        assertThat(b).isSameAs(a);
        assertThat(b.schemaById(id)).isEqualTo(ProofRequest.getClassSchema());
    }

    @Test
    void differentMockScopesAreIsolated() {
        SchemaRegistry a = registries.forUrl("mock://" + scope + "-a");
        SchemaRegistry b = registries.forUrl("mock://" + scope + "-b");

        int id = a.register("lean.proofs-value", ProofRequest.getClassSchema());

        assertThatThrownBy(() -> b.schemaById(id)).isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("mock://" + scope + "-b");
        assertThat(b.subjects()).isEmpty();
    }

    @Test
    void anotherFactoryHasItsOwnScopes() {
        SchemaRegistry mine = registries.forUrl("mock://" + scope);
        mine.register("lean.proofs-value", ProofRequest.getClassSchema());

        SchemaRegistry theirs = new SchemaRegistries().forUrl("mock://" + scope);

        assertThat(theirs).isNotSameAs(mine);
        assertThat(theirs.subjects()).isEmpty();
    }

    @Test
    void droppedScopeStartsEmpty() {
        registries.forUrl("mock://" + scope).register("lean.proofs-value", ProofRequest.getClassSchema());

        registries.dropScope(scope);

        assertThat(registries.forUrl("mock://" + scope).subjects()).isEmpty();
    }

    @Test
    void httpUrlsGiveOneRestClientPerUrlList() {
        SchemaRegistry one = registries.forUrl("http://registry-1:8081");
        SchemaRegistry replicas = registries.forUrl("http://registry-1:8081, https://registry-2:8081/");

        assertThat(one).isInstanceOf(RestSchemaRegistry.class).hasToString("RestSchemaRegistry[http://registry-1:8081]");
        assertThat(replicas).hasToString("RestSchemaRegistry[http://registry-1:8081,https://registry-2:8081]");
        assertThat(registries.forUrl("http://registry-1:8081")).isSameAs(one);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "registry:8081", "kafka://broker:9092", "mock://", "mock://a,mock://b",
            "http://a:8081,mock://x", "http://", "http://a:8081,,http://b:8081", "ftp://a"})
    void rejectsOtherUrlsNamingThemAndTheAcceptedForms(String url) {
        assertThatThrownBy(() -> registries.forUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + url + "'")
                .hasMessageContaining("mock://SCOPE")
                .hasMessageContaining("http(s)://host:port");
    }
}
