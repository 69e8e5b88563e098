package dev.leanverify.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class StateBindingTest {
    private static final Map<String, Integer> INTERNAL = Map.of("app-seen-proof-ids-changelog", 8,
            "app-proofs-by-id-repartition", 8);
    private static final StateBinding BOUND = new StateBinding("cluster-A", "lean.proofs", 8, "t1", INTERNAL);

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBack() {
        BOUND.write(dir);
        assertThat(StateBinding.read(dir)).contains(BOUND);
    }

    @Test
    void noFileOrAnUnreadableOneIsNoBinding() throws Exception {
        assertThat(StateBinding.read(dir)).isEmpty();
        Files.writeString(dir.resolve(StateBinding.FILE), "cluster.id=x\nproofs.partitions=many\n");
        assertThat(StateBinding.read(dir)).isEmpty();
    }

    @Test
    void theSameClusterAndLayoutMatchAndInternalTopicsCreatedSinceDoNotMatter() {
        assertThat(BOUND.mismatch(BOUND)).isEmpty();
        StateBinding beforeFirstRun = new StateBinding("cluster-A", "lean.proofs", 8, "t1", Map.of());
        assertThat(beforeFirstRun.mismatch(BOUND)).isEmpty();
    }

    @Test
    void anotherClusterAnotherPartitionCountAnotherTopologyOrAMissingInternalTopicDoNotMatch() {
        assertThat(BOUND.mismatch(new StateBinding("cluster-B", "lean.proofs", 8, "t1", INTERNAL)))
                .hasValueSatisfying(r -> assertThat(r).contains("cluster-A").contains("cluster-B"));
        assertThat(BOUND.mismatch(new StateBinding("cluster-A", "lean.proofs", 64, "t1", INTERNAL)))
                .hasValueSatisfying(r -> assertThat(r).contains("8 partitions").contains("64"));
        assertThat(BOUND.mismatch(new StateBinding("cluster-A", "lean.proofs", 8, "t2", INTERNAL)))
                .hasValueSatisfying(r -> assertThat(r).contains("topology"));
        assertThat(BOUND.mismatch(new StateBinding("cluster-A", "lean.proofs", 8, "t1",
                Map.of("app-proofs-by-id-repartition", 8))))
                .hasValueSatisfying(r -> assertThat(r).contains("app-seen-proof-ids-changelog").contains("reset"));
        assertThat(BOUND.mismatch(new StateBinding("cluster-A", "lean.proofs", 8, "t1",
                Map.of("app-seen-proof-ids-changelog", 4, "app-proofs-by-id-repartition", 8))))
                .hasValueSatisfying(r -> assertThat(r).contains("4 partitions"));
    }
}
