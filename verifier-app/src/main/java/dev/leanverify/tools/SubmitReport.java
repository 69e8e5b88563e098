package dev.leanverify.tools;

import java.util.List;

/** What a submission did: how many proofs went out, and which could not be sent or were skipped. */
public record SubmitReport(String runId, long sent, List<Dataset.Skipped> skipped, List<Dataset.Skipped> failed,
                           double seconds) {
    public SubmitReport {
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
    }
}
