package dev.leanverify.stats;

/**
 * Keys of the per-problem store: run id, NUL, problem. A run's problems are then one key range
 * ({@link #from} inclusive to {@link #to} exclusive), read with a range scan.
 */
final class ProblemKeys {
    private ProblemKeys() {
    }

    static String key(String runId, String problem) {
        return runId + '\u0000' + problem;
    }

    static String from(String runId) {
        return runId + '\u0000';
    }

    static String to(String runId) {
        return runId + '\u0001';
    }

    static String problem(String key) {
        return key.substring(key.indexOf('\u0000') + 1);
    }
}
