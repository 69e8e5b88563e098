package dev.leanverify.repl.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * How the REPL cuts its streams into messages. A request is the lines up to a blank line, each
 * with its line end trimmed, joined with nothing in between (so a raw line break inside a JSON
 * string disappears, as the REPL itself reads it). A response is the lines up to a blank line.
 */
public final class Framing {
    /** What follows every request: one blank line, exactly (a second one is read as a request). */
    public static final String REQUEST_TERMINATOR = "\n\n";

    private Framing() {
    }

    /** Splits a recorded or scripted input into the requests the REPL would read from it. */
    public static List<String> splitRequests(String input) {
        List<String> requests = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inRequest = false;
        for (String line : input.split("\n", -1)) {
            if (line.isBlank()) {
                if (inRequest) {
                    requests.add(current.toString());
                    current.setLength(0);
                    inRequest = false;
                }
                continue;
            }
            if (!inRequest && (line.startsWith("#") || line.startsWith("--"))) {
                continue; // the REPL skips such a line and answers nothing
            }
            current.append(line.stripTrailing());
            inRequest = true;
        }
        if (inRequest) {
            requests.add(current.toString());
        }
        return requests;
    }

    /** Splits recorded REPL output into its responses (each followed by a blank line). */
    public static List<String> splitResponses(String output) {
        List<String> responses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.isBlank()) {
                if (current.length() > 0) {
                    responses.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            current.append(line).append('\n');
        }
        if (current.length() > 0) {
            responses.add(current.toString());
        }
        return responses;
    }
}
