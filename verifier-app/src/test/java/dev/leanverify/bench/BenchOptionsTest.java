package dev.leanverify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BenchOptionsTest {
    private static BenchOptions with(List<Integer> threads, int partitions, Set<String> scenarios, double rate) {
        return new BenchOptions(false, 10, 0.01, 10, threads, partitions, 5, 5, 5, rate, 5, 4, 2, 1, null, 0, 100,
                scenarios, Map.of(), Path.of("out"));
    }

    @Test
    void thePresetsAreValidAndTheQuickOneIsSmaller() {
        BenchOptions full = BenchOptions.full(Path.of("out"));
        BenchOptions quick = BenchOptions.quick(Path.of("out"));
        assertThat(full.scenarios()).isEqualTo(BenchOptions.SCENARIOS);
        assertThat(quick.proofs()).isLessThan(full.proofs());
        assertThat(quick.warmupProofs()).isZero();
        assertThat(full.warmupProofs()).isPositive();
    }

    @Test
    void refusesAnUnknownScenarioNamingTheKnownOnes() {
        assertThatThrownBy(() -> with(List.of(1), 8, Set.of("efficency"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("efficency")
                .hasMessageContaining("routing");
    }

    @Test
    void refusesMoreThreadsThanPartitions() {
        assertThatThrownBy(() -> with(List.of(1, 16), 8, Set.of("efficiency"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--threads");
    }

    @Test
    void theQuickScaleRunIsSmallerAndBadScaleSizesAreRefused() {
        BenchOptions.Scale full = BenchOptions.full(Path.of("out")).scale();
        BenchOptions.Scale quick = BenchOptions.quick(Path.of("out")).scale();
        assertThat(full.slots()).containsExactly(8, 16, 32, 64);
        assertThat(full.instances() * full.slotsPerInstance()).isEqualTo(64);
        assertThat(quick.slots().stream().mapToInt(Integer::intValue).sum()
                * quick.proofsPerSlot()).isLessThan(full.proofsPerSlot() * 8);
        assertThat(BenchOptions.quick(Path.of("out")).scenarios()).contains("scale");
        assertThatThrownBy(() -> new BenchOptions.Scale(List.of(0), 0, 0, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slots");
        assertThatThrownBy(() -> new BenchOptions.Scale(List.of(8), 0, 0, 1, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--scale-mean-wait-ms");
    }

    @Test
    void refusesANonPositiveLatencyRate() {
        assertThatThrownBy(() -> with(List.of(1), 8, Set.of("overhead"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--latency-rate");
    }
}
