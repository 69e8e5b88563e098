package dev.leanverify.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" hints: the known name nearest to what the user typed, if it is near enough to be a typo. */
public final class Suggestions {
    /** Farthest (in edits) a name may be from what was typed for it to be suggested. */
    private static final int MAX_DISTANCE = 3;

    private Suggestions() {
    }

    /** The candidate nearest to {@code typed} within a few edits (ties: the alphabetically first). */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(typed, candidate);
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= MAX_DISTANCE ? Optional.of(best) : Optional.empty();
    }

    /**
     * Levenshtein distance. Written here rather than taken from a library: commons-text (whose
     * LevenshteinDistance this is) is not on the class path, and these fifteen lines do not
     * justify a new dependency.
     */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
