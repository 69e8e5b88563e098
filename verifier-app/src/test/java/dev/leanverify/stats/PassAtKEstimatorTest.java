package dev.leanverify.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.leanverify.schema.PassAtK;
import dev.leanverify.schema.RunStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** pass@k against values computed by hand from 1 - C(n-c,k)/C(n,k). */
@Tag("unit")
class PassAtKEstimatorTest {

    @Test
    void matchesHandComputedBinomialRatios() {
        assertThat(PassAtKEstimator.estimate(5, 2, 1)).isCloseTo(1 - 3.0 / 5, within(1e-12));     // 1 - C(3,1)/C(5,1)
        assertThat(PassAtKEstimator.estimate(5, 2, 2)).isCloseTo(1 - 3.0 / 10, within(1e-12));    // 1 - C(3,2)/C(5,2)
        assertThat(PassAtKEstimator.estimate(10, 1, 5)).isCloseTo(1 - 126.0 / 252, within(1e-12)); // 1 - C(9,5)/C(10,5)
        assertThat(PassAtKEstimator.estimate(5, 0, 2)).isEqualTo(0.0);
        assertThat(PassAtKEstimator.estimate(4, 3, 2)).isEqualTo(1.0); // fewer than k failures: every draw passes
    }

    @Test
    void staysFiniteForLargeSampleCounts() {
        // C(1000, 100) overflows a double; the product form does not
        assertThat(PassAtKEstimator.estimate(1000, 10, 100)).isBetween(0.6, 0.7);
    }

    @Test
    void refusesUndefinedInputs() {
        assertThatThrownBy(() -> PassAtKEstimator.estimate(3, 1, 5)).hasMessageContaining("at least 5 samples");
        assertThatThrownBy(() -> PassAtKEstimator.estimate(3, 4, 1)).hasMessageContaining("passed samples");
        assertThatThrownBy(() -> PassAtKEstimator.estimate(3, 1, 0)).hasMessageContaining("k must be");
    }

    @Test
    void runPassAtKIsTheMeanOverProblemsWithEnoughSamples() {
        // problem -> outcomes of its samples (true = VERIFIED)
        Map<String, List<Boolean>> table = Map.of(
                "A", List.of(true, false, false, true, false), // n=5 c=2
                "B", List.of(false, false, false, false),      // n=4 c=0
                "C", List.of(true, true, true, false),         // n=4 c=3
                "D", List.of(true));                           // n=1 c=1
        RunAggregate run = RunAggregate.empty("r", 100);
        table.forEach((problem, outcomes) -> outcomes.forEach(ok ->
                run.add(new Sample(ok ? "VERIFIED" : "LEAN_ERROR", problem, null, 1, 2, false, false, 1))));

        RunStats stats = run.toRecord(List.of(1, 2, 5, 10));

        assertThat(stats.getPassAtK()).extracting(PassAtK::getK).containsExactly(1, 2, 5, 10);
        // pass@1: (2/5 + 0 + 3/4 + 1) / 4
        assertThat(stats.getPassAtK().get(0).getValue()).isCloseTo((0.4 + 0 + 0.75 + 1) / 4, within(1e-12));
        assertThat(stats.getPassAtK().get(0).getProblems()).isEqualTo(4);
        // pass@2 over A, B, C: (1 - 3/10) + 0 + (1 - C(1,2)/C(4,2) = 1), divided by 3
        assertThat(stats.getPassAtK().get(1).getValue()).isCloseTo((0.7 + 0 + 1) / 3, within(1e-12));
        assertThat(stats.getPassAtK().get(1).getProblems()).isEqualTo(3);
        // pass@5: only A has 5 samples; C(3,5) = 0
        assertThat(stats.getPassAtK().get(2).getValue()).isEqualTo(1.0);
        assertThat(stats.getPassAtK().get(2).getProblems()).isEqualTo(1);
        // pass@10: no problem has 10 samples
        assertThat(stats.getPassAtK().get(3).getValue()).isNull();
        assertThat(stats.getPassAtK().get(3).getProblems()).isZero();
        assertThat(stats.getPassRate()).isCloseTo(6.0 / 14, within(1e-12));
    }
}
