package dev.leanverify.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class InMemorySchemaRegistryTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("mock://unit");

    @Test
    void assignsIdsFromOneAndIsIdempotent() {
        int first = registry.register("lean.proofs-value", ProofRequest.getClassSchema());
        int again = registry.register("lean.proofs-value", ProofRequest.getClassSchema());
        int second = registry.register("lean.results-value", VerificationResult.getClassSchema());

        assertThat(first).isEqualTo(1);
        assertThat(again).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(registry.versions("lean.proofs-value")).containsExactly(1);
    }

    @Test
    void sameSchemaUnderAnotherSubjectKeepsItsId() {
        int a = registry.register("a-value", ProofRequest.getClassSchema());
        int b = registry.register("b-value", ProofRequest.getClassSchema());

        assertThat(b).isEqualTo(a);
        assertThat(registry.subjects()).containsExactly("a-value", "b-value");
    }

    @Test
    void returnsSchemasByIdAndByVersion() {
        Schema v1 = OlderSchemas.proofRequestWithoutOptions();
        int id1 = registry.register("lean.proofs-value", v1);
        int id2 = registry.register("lean.proofs-value", ProofRequest.getClassSchema());

        assertThat(registry.schemaById(id1)).isEqualTo(v1);
        assertThat(registry.schemaById(id2)).isEqualTo(ProofRequest.getClassSchema());
        assertThat(registry.versions("lean.proofs-value")).containsExactly(1, 2);
        assertThat(registry.version("lean.proofs-value", 1)).isEqualTo(v1);
        assertThat(registry.version("lean.proofs-value", 2)).isEqualTo(ProofRequest.getClassSchema());
        assertThat(registry.latest("lean.proofs-value")).isEqualTo(ProofRequest.getClassSchema());
    }

    @Test
    void unknownIdSubjectAndVersionAreUnknownSchemaExceptionsNamingThem() {
        registry.register("lean.proofs-value", ProofRequest.getClassSchema());

        assertThatThrownBy(() -> registry.schemaById(42))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("schema id 42")
                .hasMessageContaining("mock://unit");
        assertThatThrownBy(() -> registry.versions("nope-value"))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("'nope-value'");
        assertThatThrownBy(() -> registry.latest("nope-value")).isInstanceOf(UnknownSchemaException.class);
        assertThatThrownBy(() -> registry.version("lean.proofs-value", 2))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("version 2 of subject 'lean.proofs-value'");
    }

    @Test
    void rejectsBlankSubjectsAndVersionZero() {
        assertThatThrownBy(() -> registry.register(" ", ProofRequest.getClassSchema()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> registry.version("s", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start at 1");
    }

    @Test
    void concurrentRegistrationsOfOneSchemaAgreeOnOneId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String subject = "topic" + (i % 4) + "-value";
                Schema schema = i % 2 == 0 ? ProofRequest.getClassSchema() : VerificationResult.getClassSchema();
                tasks.add(() -> registry.register(subject, schema));
            }
            Set<Integer> ids = ConcurrentHashMap.newKeySet();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            assertThat(ids).containsExactlyInAnyOrder(1, 2);
        } finally {
            pool.shutdownNow();
        }
    }
}
