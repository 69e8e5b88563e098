package dev.leanverify.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class HeaderAffinityRouterTest {
    @Test
    void routesDominantHeaderToAllPartitions() {
        HeaderAffinityRouter router = new HeaderAffinityRouter(500);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            int p = router.partition("mathlib", "proof-" + i, 8);
            if (i > 1000) {
                used.add(p);
            }
        }
        assertThat(used).hasSize(8);
    }

    @Test
    void keepsEachOfManyEqualHeadersOnOnePartition() {
        HeaderAffinityRouter router = new HeaderAffinityRouter(500);
        Map<String, Set<Integer>> partitionsOf = new HashMap<>();
        for (int i = 0; i < 16_000; i++) {
            String header = "header-" + (i % 16);
            int p = router.partition(header, "proof-" + i, 8);
            if (i > 2000) {
                partitionsOf.computeIfAbsent(header, h -> new HashSet<>()).add(p);
            }
        }
        assertThat(partitionsOf).hasSize(16);
        partitionsOf.values().forEach(set -> assertThat(set).hasSize(1));
    }

    @Test
    void manyEqualHeadersAreHomedEvenlyNotPiledByTheirHashes() {
        HeaderAffinityRouter router = new HeaderAffinityRouter(500);
        Map<Integer, Set<String>> headersOf = new HashMap<>();
        for (int i = 0; i < 16_000; i++) {
            String header = "header-" + (i % 16);
            int p = router.partition(header, "proof-" + i, 8);
            if (i > 2000) {
                headersOf.computeIfAbsent(p, k -> new HashSet<>()).add(header);
            }
        }
        assertThat(headersOf).hasSize(8);
        headersOf.values().forEach(set -> assertThat(set).as("two warm REPLs per thread suffice").hasSize(2));
    }

    @Test
    void aDominantHeaderIsSpreadEvenlyOverThePartitions() {
        HeaderAffinityRouter router = new HeaderAffinityRouter(200);
        int[] counts = new int[8];
        for (int i = 0; i < 8000; i++) {
            int p = router.partition("mathlib", "proof-" + i, 8);
            if (i >= 1000) {
                counts[p]++;
            }
        }
        // distinct bodies are placed by their hash: even within noise (±12%, about 4 standard deviations)
        for (int c : counts) {
            assertThat(c).as(java.util.Arrays.toString(counts)).isBetween(7000 / 8 * 88 / 100, 7000 / 8 * 112 / 100);
        }
    }

    @Test
    void theSameBodyAlwaysMeetsTheSamePartitionOfItsHeader() {
        HeaderAffinityRouter router = new HeaderAffinityRouter(200);
        Map<String, Set<Integer>> partitionsOf = new HashMap<>();
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 8000; i++) {
            String body = "theorem t : " + random.nextInt(300) + " = " + random.nextInt(3) + " := by decide";
            int p = router.partition("mathlib", body, 8);
            if (i >= 1000) {
                partitionsOf.computeIfAbsent(body, b -> new HashSet<>()).add(p);
            }
        }
        assertThat(partitionsOf).hasSizeGreaterThan(800);
        partitionsOf.forEach((body, set) -> assertThat(set).as(body).hasSize(1));
    }

    @Test
    void aHeaderWithHalfTheTrafficGetsHalfThePartitions() {
        HeaderAffinityRouter router = new HeaderAffinityRouter(500);
        Set<Integer> big = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String header = i % 2 == 0 ? "big" : "small-" + (i % 7);
            int p = router.partition(header, "proof-" + i, 8);
            if (i > 2000 && header.equals("big")) {
                big.add(p);
            }
        }
        assertThat(big).hasSize(4);
    }

    @Test
    void widthIsAPowerOfTwoCoveringTheShare() {
        assertThat(HeaderAffinityRouter.width(0.01, 8)).isEqualTo(1);
        assertThat(HeaderAffinityRouter.width(0.125, 8)).isEqualTo(1);
        assertThat(HeaderAffinityRouter.width(0.2, 8)).isEqualTo(2);
        assertThat(HeaderAffinityRouter.width(0.4, 8)).isEqualTo(4);
        assertThat(HeaderAffinityRouter.width(0.9, 8)).isEqualTo(8);
        assertThat(HeaderAffinityRouter.width(1.0, 6)).isEqualTo(6);
    }

    @Test
    void theSameProofGoesToTheSamePartitionWhileTheShareHolds() {
        HeaderAffinityRouter a = new HeaderAffinityRouter(100);
        HeaderAffinityRouter b = new HeaderAffinityRouter(100);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.partition("h", "id-" + i, 12)).isEqualTo(b.partition("h", "id-" + i, 12));
        }
    }

    @Test
    void aHeaderThatTakesOverTheTrafficSpreadsWithinAFewHundredRecords() {
        // the next dataset (or RL run) after another header filled the whole long window
        HeaderAffinityRouter router = new HeaderAffinityRouter(2000);
        for (int i = 0; i < 5000; i++) {
            router.partition("previous-run", "old-" + i, 8);
        }
        int[] counts = new int[8];
        for (int i = 0; i < 2000; i++) {
            int p = router.partition("next-run", "new-" + i, 8);
            if (i >= 300) {
                counts[p]++;
            }
        }
        for (int c : counts) {
            assertThat(c).as("proofs per partition after the first 300: %s", java.util.Arrays.toString(counts))
                    .isBetween(1700 / 8 * 80 / 100, 1700 / 8 * 120 / 100);
        }
    }

    @Test
    void sixteenEqualHeadersInRandomOrderKeepOnePartitionEachOnSixteenPartitions() {
        // each header's share sits at one partition's worth: random runs of records must not widen it
        HeaderAffinityRouter router = new HeaderAffinityRouter(2000);
        java.util.Random random = new java.util.Random(7);
        Map<String, Set<Integer>> partitionsOf = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String header = "header-" + random.nextInt(16);
            int p = router.partition(header, "proof-" + i, 16);
            if (i > 500) {
                partitionsOf.computeIfAbsent(header, h -> new HashSet<>()).add(p);
            }
        }
        Set<Integer> homes = new HashSet<>();
        partitionsOf.forEach((header, set) -> {
            assertThat(set).as(header).hasSize(1);
            homes.addAll(set);
        });
        assertThat(homes).as("one header per partition").hasSize(16);
    }
}
