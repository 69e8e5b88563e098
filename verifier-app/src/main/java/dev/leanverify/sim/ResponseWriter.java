package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes responses to stdout as the REPL does: a JSON object over several lines (never a blank
 * one inside), then one blank line, flushed at once so a client waiting for it gets it.
 */
final class ResponseWriter {
    private final OutputStream out;
    private final SimJson json;

    ResponseWriter(OutputStream out, SimJson json) {
        this.out = Objects.requireNonNull(out, "out");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The JSON as it would be printed, without the blank line. */
    String render(JsonNode json) {
        return this.json.pretty(json);
    }

    void answer(JsonNode json) throws IOException {
        raw(render(json) + "\n");
    }

    void raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
