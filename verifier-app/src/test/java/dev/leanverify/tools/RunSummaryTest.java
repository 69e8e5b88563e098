package dev.leanverify.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RunSummaryTest {
    private static VerificationResult result(int i, VerificationStatus status, long leanMs, boolean hit) {
        return VerificationResult.newBuilder().setId("p" + i).setStatus(status).setMessages(List.of())
                .setSorries(List.of()).setTiming(Timing.newBuilder().setQueueMs(1).setHeaderLoadMs(null)
                        .setLeanMs(leanMs).setTotalMs(leanMs + 10).build())
                .setHeaderCacheHit(hit).setReplId("r").setLeanVersion("simulated").setMetadata(Map.of()).build();
    }

    @Test
    void countsStatusesAndComputesNearestRankPercentiles() {
        List<VerificationResult> results = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            results.add(result(i, i <= 80 ? VerificationStatus.VERIFIED : VerificationStatus.LEAN_ERROR, i, i > 10));
        }

        RunSummary s = RunSummary.of("r1", results, 100, 0, 0);

        assertThat(s.byStatus()).containsEntry(VerificationStatus.VERIFIED, 80).containsEntry(VerificationStatus.LEAN_ERROR, 20);
        assertThat(s.passRate()).isEqualTo(0.8);
        assertThat(s.leanMs().p50()).isEqualTo(50);
        assertThat(s.leanMs().p90()).isEqualTo(90);
        assertThat(s.leanMs().p99()).isEqualTo(99);
        assertThat(s.leanMs().max()).isEqualTo(100);
        assertThat(s.totalMs().p50()).isEqualTo(60);
        assertThat(s.headerCacheHitRatio()).isEqualTo(0.9);
        assertThat(s.toText()).contains("pass rate").contains("SIMULATED");
    }

    @Test
    void countsUnsoundResultsByTheLayerThatRefusedThem() {
        List<VerificationResult> results = new ArrayList<>();
        String[] layers = {"axioms", "axioms", "statement", "finding"};
        for (int i = 0; i < layers.length; i++) {
            VerificationResult r = result(i, VerificationStatus.UNSOUND, 1, true);
            r.setSoundness(dev.leanverify.schema.Soundness.newBuilder().setLayer(layers[i]).setAxioms(List.of())
                    .setFindings(List.of()).setStatement("not_given").build());
            results.add(r);
        }
        results.add(result(9, VerificationStatus.VERIFIED, 1, true));

        RunSummary s = RunSummary.of("r2", results, 5, 0, 0);

        assertThat(s.unsoundByLayer()).containsExactlyInAnyOrderEntriesOf(Map.of("axioms", 2, "statement", 1,
                "finding", 1));
        assertThat(s.toText()).contains("UNSOUND by axioms").contains("UNSOUND by statement");
        assertThat(s.toJson(new com.fasterxml.jackson.databind.ObjectMapper()).at("/unsoundByLayer/axioms").asInt())
                .isEqualTo(2);
    }
}
