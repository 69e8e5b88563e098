package dev.leanverify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RunFiguresTest {
    private static final long MS = 1_000_000;

    private static VerificationResult result(String id, String replId, long queueMs, long totalMs, long leanMs,
                                             Long headerLoadMs, long completedAtMs) {
        return VerificationResult.newBuilder().setId(id).setStatus(VerificationStatus.VERIFIED).setMessages(List.of())
                .setSorries(List.of()).setTiming(Timing.newBuilder().setQueueMs(queueMs).setHeaderLoadMs(headerLoadMs)
                        .setLeanMs(leanMs).setTotalMs(totalMs).build())
                .setHeaderCacheHit(headerLoadMs == null).setReplId(replId).setLeanVersion("simulated")
                .setMetadata(Map.of()).setCompletedAtMs(completedAtMs).build();
    }

    private static RunFigures figures() {
        Workload workload = new Workload("w", "three proofs", List.of(new Workload.Proof("a", "x", 100),
                new Workload.Proof("b", "x", 100), new Workload.Proof("c", "x", 200)));
        List<VerificationResult> results = List.of(
                result("a", "inst/t1-1", 0, 100, 90, 5L, 1100),    // t1 verifies 1000..1100, cold
                result("b", "inst/t1-1", 10, 110, 100, null, 1210), // t1 verifies 1110..1210: 10 ms after a
                result("c", "inst/t2-1", 0, 200, 200, 5L, 1200));  // t2 verifies 1000..1200, cold
        Map<String, Long> sent = Map.of("a", 0L, "b", 0L, "c", 0L);
        Map<String, Long> seen = Map.of("a", 150 * MS, "b", 250 * MS, "c", 400 * MS);
        return RunFigures.of("efficiency-2t", workload, 2, 1, 4, Map.of(), results, 0, sent, seen,
                new RunFigures.CpuUse(30, 380, 20, 10));
    }

    @Test
    void measuresWallTimeFromFirstSendToLastResultSeen() {
        RunFigures f = figures();
        assertThat(f.wallMs()).isEqualTo(400);
        assertThat(f.proofsPerSecond()).isCloseTo(7.5, within(1e-9));
        assertThat(f.complete()).isTrue();
    }

    @Test
    void countsHitsColdStartsAndStatuses() {
        RunFigures f = figures();
        assertThat(f.hitRatio()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(f.coldStarts()).isEqualTo(2);
        assertThat(f.statuses()).containsEntry("VERIFIED", 3);
    }

    @Test
    void latencyBeyondLeanLeavesOutTheReplTimeAndHeaderLoads() {
        RunFigures f = figures();
        // end to end 150, 250, 400; minus Lean (90, 100, 200) and header loads (5, 0, 5)
        assertThat(f.endToEnd().sortedMs()).containsExactly(150, 250, 400);
        assertThat(f.beyondLean().sortedMs()).containsExactly(55, 150, 195);
        assertThat(f.beyondLean().p50()).isCloseTo(150, within(0.5));
    }

    @Test
    void threadBusyAndTheGapBetweenProofsComeFromEachThreadsVerifications() {
        RunFigures f = figures();
        assertThat(f.threadBusy()).containsOnlyKeys("inst/t1", "inst/t2");
        assertThat(f.threadBusy().get("inst/t1")).isCloseTo(0.5, within(1e-9)); // (100 + 100) / 400
        assertThat(f.threadBusy().get("inst/t2")).isCloseTo(0.5, within(1e-9));
        assertThat(f.betweenProofs().sortedMs()).containsExactly(10);
    }

    @Test
    void idealSpreadsTheWorkAndTheHeaderLoadsTheRunNeededOverTheThreads() {
        RunFigures f = figures();
        assertThat(f.workMs()).isEqualTo(400);
        assertThat(f.idealMs(50)).isCloseTo((400 + 2 * 50) / 2.0, within(1e-9));
        assertThat(f.frameworkCpuMsPerProof()).isCloseTo(10, within(1e-9));
    }

    @Test
    void aMissingOrRepeatedResultMakesTheRunIncomplete() {
        Workload two = new Workload("w", "two", List.of(new Workload.Proof("a", "x", 1), new Workload.Proof("b", "x", 1)));
        RunFigures f = RunFigures.of("r", two, 1, 1, 1, Map.of(), List.of(result("a", "i/t-1", 0, 1, 1, null, 1)), 0,
                Map.of("a", 0L, "b", 0L), Map.of("a", MS), new RunFigures.CpuUse(0, 0, 0, 0));
        assertThat(f.complete()).isFalse();
    }

    @Test
    void placementBoundIsTheEvenShareOfTheWorkOverTheBusiestThreads() {
        assertThat(figures().busiestSlotWorkMs()).isEqualTo(200); // t1: a + b, t2: c, 200 each
        assertThat(figures().placementBound()).isEqualTo(1.0);
        Workload two = new Workload("w", "two", List.of(new Workload.Proof("a", "x", 100),
                new Workload.Proof("b", "x", 300)));
        // as the load generator sends them: ids prefixed with the run id
        RunFigures lopsided = RunFigures.of("r", two, 2, 1, 2, Map.of(), List.of(result("run/a", "i/t1-1", 0, 100,
                100, null, 100), result("run/b", "i/t1-1", 0, 300, 300, null, 400)), 0,
                Map.of("run/a", 0L, "run/b", 0L), Map.of("run/a", 100 * MS, "run/b", 400 * MS),
                new RunFigures.CpuUse(0, 0, 0, 0));
        assertThat(lopsided.busiestSlotWorkMs()).isEqualTo(400);
        assertThat(lopsided.placementBound()).isEqualTo(0.5); // an even share is 200
    }

    @Test
    void theIdleCpuMeasuredAfterARunIsKeptAndReported() {
        RunFigures f = figures().withIdle(new RunFigures.Idle(10, 0.5, 0.02, 4));
        assertThat(f.idle().verifierCoresPerInstance()).isEqualTo(0.125);
        assertThat(f.renamed("x").idle()).isEqualTo(f.idle());
        assertThat(f.toJson().at("/idle/verifierCoresPerInstance").asDouble()).isEqualTo(0.125);
        assertThat(figures().toJson().has("idle")).isFalse();
    }

    @Test
    void theThreadOfAReplIsItsIdWithoutTheSequenceNumber() {
        assertThat(RunFigures.thread("inst-1/app-StreamThread-2-17")).isEqualTo("inst-1/app-StreamThread-2");
    }
}
