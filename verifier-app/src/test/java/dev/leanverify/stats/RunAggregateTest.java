package dev.leanverify.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.config.Settings;
import dev.leanverify.config.StatsSettings;
import dev.leanverify.schema.RunStats;
import dev.leanverify.schema.Soundness;
import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RunAggregateTest {
    private static final StatsSettings SETTINGS = StatsSettings.from(Settings.load(null, Map.of(), Map.of()));
    private final SampleExtractor extractor = new SampleExtractor(SETTINGS);

    @org.junit.jupiter.api.BeforeAll
    static void trustGeneratedClasses() {
        dev.leanverify.schema.GeneratedClasses.trust();
    }

    private static VerificationResult result(VerificationStatus status, Map<String, String> metadata, long leanMs,
                                             long completedAt) {
        return VerificationResult.newBuilder().setId("p").setStatus(status).setMetadata(metadata)
                .setTiming(Timing.newBuilder().setQueueMs(1).setLeanMs(leanMs).setTotalMs(leanMs + 5).build())
                .setHeaderCacheHit(leanMs % 2 == 0).setCompletedAtMs(completedAt).build();
    }

    @Test
    void resultsWithoutMetadataGoToTheDefaultRunWithoutAProblem() {
        VerificationResult r = result(VerificationStatus.VERIFIED, Map.of(), 10, 5);

        assertThat(extractor.runId(r)).isEqualTo("unassigned");
        assertThat(extractor.sample(r).problem()).isNull();
        RunStats stats = RunAggregate.empty("unassigned", 10).add(extractor.sample(r)).toRecord(List.of(1));
        assertThat(stats.getResultsWithoutProblem()).isEqualTo(1);
        assertThat(stats.getProblems()).isEmpty();
        assertThat(stats.getPassAtK().get(0).getValue()).isNull();
    }

    @Test
    void boundsTheProblemTableAndFlagsTheTruncation() {
        RunAggregate run = RunAggregate.empty("big", 3);
        for (int i = 0; i < 10; i++) {
            run.add(extractor.sample(result(VerificationStatus.VERIFIED, Map.of("run_id", "big", "problem", "p" + i), 1, i)));
        }
        run.add(extractor.sample(result(VerificationStatus.SORRY, Map.of("run_id", "big", "problem", "p0"), 1, 99)));

        RunStats stats = run.toRecord(List.of(1));

        assertThat(stats.getProblems()).hasSize(3);
        assertThat(stats.getProblemsTruncated()).isTrue();
        assertThat(stats.getUntrackedResults()).isEqualTo(7);
        assertThat(stats.getProblems().get("p0").getSamples()).isEqualTo(2); // a tracked problem keeps counting
        assertThat(stats.getResults()).isEqualTo(11);
        assertThat(stats.getStatusCounts()).containsEntry("VERIFIED", 10L).containsEntry("SORRY", 1L);
    }

    @Test
    void capsLongProblemNamesSoTheTableStaysBounded() {
        String huge = "p".repeat(60_000);

        Sample s = extractor.sample(result(VerificationStatus.VERIFIED, Map.of("run_id", "r", "problem", huge), 1, 1));

        assertThat(s.problem()).hasSize(SampleExtractor.MAX_PROBLEM_CHARS + 1).startsWith("ppp").endsWith("…");
    }

    @Test
    void survivesTheStoreFormatUnchanged() {
        RunAggregate run = RunAggregate.empty("r", 100);
        for (int i = 0; i < 50; i++) {
            run.add(extractor.sample(result(i % 3 == 0 ? VerificationStatus.LEAN_ERROR : VerificationStatus.VERIFIED,
                    Map.of("run_id", "r", "problem", "p" + (i % 7)), 3 + i * 17L, 1000 + i)));
        }
        RunAggregateSerde serde = new RunAggregateSerde(List.of(1, 5), 100);

        RunAggregate back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", run));

        assertThat(back.toRecord(List.of(1, 5))).isEqualTo(run.toRecord(List.of(1, 5)));
        RunStats stats = back.toRecord(List.of(1));
        assertThat(stats.getLeanMs().getCount()).isEqualTo(50);
        assertThat(stats.getLeanMs().getMin()).isEqualTo(3);
        assertThat(stats.getFirstResultAtMs()).isEqualTo(1000);
        assertThat(stats.getLastResultAtMs()).isEqualTo(1049);
        assertThat(stats.getHeaderCacheHits()).isEqualTo(25);
    }

    @Test
    void countsUnsoundByTheLayerTheResultNamesAndUnknownOtherwise() {
        VerificationResult axioms = result(VerificationStatus.UNSOUND, Map.of("run_id", "r"), 1, 1);
        axioms.setSoundness(Soundness.newBuilder().setLayer("axioms").build());
        axioms.setVerdictCache("hit");
        VerificationResult none = result(VerificationStatus.UNSOUND, Map.of("run_id", "r"), 1, 1);

        assertThat(SampleExtractor.unsoundLayer(axioms)).isEqualTo("axioms");
        assertThat(SampleExtractor.verdictCacheHit(axioms)).isTrue();
        assertThat(SampleExtractor.unsoundLayer(none)).isEqualTo("unknown");
        assertThat(SampleExtractor.verdictCacheHit(none)).isFalse();
        // a result without soundness counts as "unknown"
        VerificationResult today = result(VerificationStatus.UNSOUND, Map.of("run_id", "r"), 1, 1);
        Sample s = extractor.sample(today);
        assertThat(s.unsoundLayer()).isEqualTo("unknown");
        assertThat(RunAggregate.empty("r", 5).add(s).toRecord(List.of()).getUnsoundByLayer())
                .containsExactly(Map.entry("unknown", 1L));
    }
}
