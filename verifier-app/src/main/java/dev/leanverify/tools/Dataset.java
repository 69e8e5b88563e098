package dev.leanverify.tools;

import java.util.List;

/**
 * What was read from a dataset: the proofs, and every line or file that was skipped with the
 * reason (nothing is dropped silently).
 */
public record Dataset(List<DatasetEntry> entries, List<Skipped> skipped) {
    public Dataset {
        entries = List.copyOf(entries);
        skipped = List.copyOf(skipped);
    }

    /** A line or file that could not be used, and why. */
    public record Skipped(String where, String reason) {
        @Override
        public String toString() {
            return where + ": " + reason;
        }
    }
}
