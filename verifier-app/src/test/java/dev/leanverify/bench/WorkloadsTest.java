package dev.leanverify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leanverify.sim.SharedData;
import dev.leanverify.repl.HeaderSplitter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class WorkloadsTest {
    private final HeaderSplitter splitter = new HeaderSplitter(false);

    @Test
    void theGoedelRecordingsLeaveOutTheProofsThatNeverFinished() {
        List<Workloads.Recorded> recorded = Workloads.goedelRecordings(SharedData.requireDataDir());
        // 77 proofs, 3 of which timed out on the recording server
        assertThat(recorded).hasSize(74);
        assertThat(recorded).allSatisfy(r -> assertThat(r.seconds()).isPositive());
    }

    @Test
    void anRlWorkloadRepeatsTheAskedShareOfSamplesWithinTheirGroup() {
        List<Workloads.Recorded> recorded = Workloads.goedelRecordings(SharedData.requireDataDir());
        for (int pct : List.of(0, 25, 50)) {
            Workload w = Workloads.rlShaped(recorded, 10, 8, pct, 0.01);

            assertThat(w.size()).isEqualTo(80);
            assertThat(w.repeats()).as(pct + "%").isEqualTo(10 * Math.round(pct / 100.0 * 8));
            // every text belongs to one problem: a repeat copies a sample of its own group
            for (Workload.Proof p : w.proofs()) {
                String group = p.id().substring(0, 5);
                assertThat(w.proofs().stream().filter(q -> q.code().equals(p.code()))
                        .allMatch(q -> q.id().startsWith(group))).isTrue();
            }
            assertThat(w.uniqueWorkMs()).isCloseTo(w.totalWorkMs() * (80 - w.repeats()) / 80.0,
                    within(w.totalWorkMs() * 0.2));
        }
        Workload none = Workloads.rlShaped(recorded, 3, 4, 0, 0.01);
        assertThat(none.proofs().get(0).code()).contains("-- sim: cost ").contains(splitter.split(
                recorded.get(0).code()).body());
    }

    @Test
    void aGoedelShapedWorkloadCyclesTheSetAndCostsTheRecordedTimeScaled() {
        List<Workloads.Recorded> recorded = Workloads.goedelRecordings(SharedData.requireDataDir());
        Workload w = Workloads.goedelShaped(recorded, 200, 0.01);

        assertThat(w.size()).isEqualTo(200);
        assertThat(w.proofs().stream().map(Workload.Proof::id).distinct()).hasSize(200);
        assertThat(w.proofs().get(74).code()).isEqualTo(recorded.get(0).code());
        assertThat(w.proofs().get(3).workMs()).isCloseTo(recorded.get(3).seconds() * 10, within(1e-9));
        double expected = 0;
        for (int i = 0; i < 200; i++) {
            expected += recorded.get(i % recorded.size()).seconds() * 10;
        }
        assertThat(w.totalWorkMs()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void aWarmUpIsTheWorkloadAtZeroCostWithTheSameHeader() {
        Workload measured = Workloads.goedelShaped(Workloads.goedelRecordings(SharedData.requireDataDir()), 10, 0.02);
        Workload warmup = Workloads.warmup(25, measured);

        assertThat(warmup.size()).isEqualTo(25);
        assertThat(warmup.totalWorkMs()).isZero();
        for (int i = 0; i < 25; i++) {
            String code = warmup.proofs().get(i).code();
            String original = measured.proofs().get(i % 10).code();
            assertThat(code).contains("-- sim: cost 0");
            assertThat(splitter.split(code).headerDigest()).isEqualTo(splitter.split(original).headerDigest());
            assertThat(splitter.split(code).body()).endsWith(splitter.split(original).body());
        }
    }

    @Test
    void manyHeadersUsesEachHeaderAndTheSameSequenceEveryTime() {
        Workload a = Workloads.manyHeaders(400, 16, 7);
        Workload b = Workloads.manyHeaders(400, 16, 7);

        Set<String> digests = a.proofs().stream().map(p -> splitter.split(p.code()).headerDigest())
                .collect(Collectors.toSet());
        assertThat(digests).hasSize(16);
        assertThat(a.proofs()).isEqualTo(b.proofs());
        assertThat(a.totalWorkMs()).isEqualTo(400 * 7.0);
        assertThat(a.proofs().get(0).code()).contains("-- sim: cost 7");
    }

    @Test
    void zeroCostProofsShareOneHeaderAndCostNothing() {
        Workload w = Workloads.zeroCost(50);
        assertThat(w.totalWorkMs()).isZero();
        assertThat(w.proofs().stream().map(p -> splitter.split(p.code()).headerDigest()).distinct()).hasSize(1);
    }

    @Test
    void aWaitingWorkloadDrawsGoedelTimesOfOneHeaderScaledToTheMeanWait() {
        List<Workloads.Recorded> recorded = Workloads.goedelRecordings(SharedData.requireDataDir());
        Workload cold = Workloads.waitingGoedel(recorded, 500, 400, 0, 1);
        Workload warm = Workloads.waitingGoedel(recorded, 500, 400, 1, 2);

        assertThat(cold.size()).isEqualTo(500);
        assertThat(cold.proofs().stream().map(p -> splitter.split(p.code()).headerDigest()).distinct()).hasSize(1);
        // every text unique, within a run and across runs: no repeat for the verdict cache
        Set<String> texts = cold.proofs().stream().map(Workload.Proof::code).collect(Collectors.toSet());
        warm.proofs().forEach(p -> texts.add(p.code()));
        assertThat(texts).hasSize(1000);
        assertThat(cold.proofs().get(0).code()).contains("-- sim: cost ");
        // one factor for every proof: recorded time x (400 ms / the recordings' mean)
        java.util.Map<String, Double> seconds = recorded.stream().collect(Collectors.toMap(
                Workloads.Recorded::name, Workloads.Recorded::seconds));
        double factor = cold.proofs().get(0).workMs() / seconds.get(cold.proofs().get(0).id().split("-", 3)[2]);
        assertThat(cold.proofs()).allSatisfy(p -> assertThat(p.workMs())
                .isCloseTo(seconds.get(p.id().split("-", 3)[2]) * factor, within(1e-6)));
        // a random draw: the mean is near the asked wait, and long proofs are among them
        assertThat(cold.totalWorkMs() / cold.size()).isBetween(200.0, 700.0);
        assertThat(cold.proofs().stream().mapToDouble(Workload.Proof::workMs).max().orElseThrow())
                .isGreaterThan(1000);
    }
}
