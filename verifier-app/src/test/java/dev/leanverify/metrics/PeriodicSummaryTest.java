package dev.leanverify.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.verify.ProofStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PeriodicSummaryTest {
    @Test
    void describesTheWorkOfTheIntervalOnly() {
        var before = new VerifierMetrics.Totals(Map.of(ProofStatus.VERIFIED, 10L, ProofStatus.TIMEOUT, 1L), 11, 5.5, 9, 2);
        var after = new VerifierMetrics.Totals(Map.of(ProofStatus.VERIFIED, 70L, ProofStatus.TIMEOUT, 1L,
                ProofStatus.SORRY, 0L), 71, 35.5, 69, 2);

        String line = PeriodicSummary.describe(before, after, Duration.ofSeconds(60));

        assertThat(line).isEqualTo("last 60 s: 60 proof(s) (60 VERIFIED), 1.0/s, mean Lean time 500 ms,"
                + " header cache hit 100%");
    }

    @Test
    void saysNothingWhenNothingHappened() {
        var same = new VerifierMetrics.Totals(Map.of(ProofStatus.VERIFIED, 3L), 3, 1, 3, 0);

        assertThat(PeriodicSummary.describe(same, same, Duration.ofSeconds(60))).isNull();
    }
}
