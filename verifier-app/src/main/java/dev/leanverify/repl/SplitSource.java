package dev.leanverify.repl;

import java.util.List;
import java.util.Objects;

/**
 * A submission cut into its import header and its body.
 *
 * @param headerText     the normalized import lines sent to a fresh REPL (empty when there are none)
 * @param headerDigest   names the header: REPLs that loaded the same header are interchangeable
 * @param headerLineMap  for each line of {@code headerText}, its 1-based line in the submission
 * @param bodyLineOffset how many submission lines precede the body; body line L is submission line L + offset
 * @param body           everything after the header, sent in the header's environment
 */
public record SplitSource(String headerText, String headerDigest, List<Integer> headerLineMap, int bodyLineOffset,
                          String body) {

    public SplitSource {
        Objects.requireNonNull(headerText, "headerText");
        Objects.requireNonNull(headerDigest, "headerDigest");
        headerLineMap = List.copyOf(headerLineMap);
        Objects.requireNonNull(body, "body");
        if (bodyLineOffset < 0) {
            throw new IllegalArgumentException("body line offset must not be negative: " + bodyLineOffset);
        }
    }

    /** The submission line of a line of the header text (for errors Lean reports in the header). */
    public int headerLineInSubmission(int headerLine) {
        if (headerLine >= 1 && headerLine <= headerLineMap.size()) {
            return headerLineMap.get(headerLine - 1);
        }
        return headerLine;
    }
}
