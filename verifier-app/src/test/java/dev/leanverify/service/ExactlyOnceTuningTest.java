package dev.leanverify.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ExactlyOnceTuningTest {
    @Test
    void transactionCoversEveryTaskOfAThreadWhenTheBrokerAllowsIt() {
        var t = ExactlyOnceTuning.derive(Duration.ofSeconds(60), Duration.ofSeconds(60), 8, 2, 900_000, 100);

        assertThat(t.tasksPerThread()).isEqualTo(4);
        assertThat(t.recordsPerTransaction()).isEqualTo(4);
        assertThat(t.transactionTimeoutMs()).isEqualTo(4 * 125_000 + 30_000);
        assertThat(t.maxPollIntervalMs()).isEqualTo(t.transactionTimeoutMs());
        assertThat(t.maxPollRecords()).isEqualTo(100);
    }

    @Test
    void fewerRecordsPerPollWhenTasksTimesProofTimeWouldPassTheBrokerLimit() {
        var t = ExactlyOnceTuning.derive(Duration.ofSeconds(300), Duration.ofSeconds(120), 8, 2, 900_000, 100);

        assertThat(t.maxPollRecords()).isEqualTo(2);
        assertThat(t.recordsPerTransaction()).isEqualTo(2);
        assertThat(t.transactionTimeoutMs()).isLessThanOrEqualTo(900_000).isEqualTo(2 * 425_000 + 30_000);
    }

    @Test
    void defaultTransactionTimeoutIsExceededBySlowProofsSoTheDerivedOneIsLarger() {
        var t = ExactlyOnceTuning.derive(Duration.ofSeconds(20), Duration.ofSeconds(10), 4, 1, 900_000, 100);

        assertThat(t.transactionTimeoutMs()).isGreaterThan(10_000);
    }

    @Test
    void refusesWhenOneProofAloneExceedsTheBrokerLimit() {
        assertThatThrownBy(() -> ExactlyOnceTuning.derive(Duration.ofSeconds(1000), Duration.ofSeconds(120), 8, 2,
                900_000, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transaction.max.timeout.ms")
                .hasMessageContaining("lean.timeout.max.seconds");
    }
}
