package dev.leanverify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CommitPolicyModelTest {

    @Test
    void equalProofsStartedTogetherLoseNothingByFinishingBeforeTheCommit() {
        double[] proofs = new double[400];
        Arrays.fill(proofs, 1000);
        var before = CommitPolicyModel.finishBeforeCommit(proofs, 4, 100);
        assertThat(before.efficiency()).isGreaterThan(0.99);
        assertThat(before.delayP99Ms()).isZero();
    }

    @Test
    void aLongTailLeavesSlotsIdleWhenEveryCommitWaitsForIt() {
        double[] proofs = new double[400];
        for (int i = 0; i < proofs.length; i++) {
            proofs[i] = i % 10 == 0 ? 20_000 : 200; // a tenth take 100 times longer, as Lean's tail does
        }
        var before = CommitPolicyModel.finishBeforeCommit(proofs, 8, 100);
        var store = CommitPolicyModel.inFlightStore(proofs, 8, 100);

        assertThat(before.efficiency()).isLessThan(0.5);
        assertThat(before.delayP50Ms()).as("a quick proof waits for the slow one in flight").isGreaterThan(1000);
        assertThat(store.efficiency()).isGreaterThan(0.9);
        assertThat(store.delayP99Ms()).as("at most one commit interval").isLessThanOrEqualTo(100);
    }
}
