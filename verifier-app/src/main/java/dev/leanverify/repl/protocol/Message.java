package dev.leanverify.repl.protocol;

import java.util.Objects;

/** A message Lean reported: severity (trace, info, warning, error), range and text. */
public record Message(String severity, Pos pos, Pos endPos, String data, Extra extra) {

    public Message {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(extra, "extra");
    }

    public Message(String severity, Pos pos, Pos endPos, String data) {
        this(severity, pos, endPos, data, Extra.none());
    }

    public boolean isError() {
        return "error".equals(severity);
    }

    public Message shiftLines(int lines) {
        return new Message(severity, shift(pos, lines), shift(endPos, lines), data, extra);
    }

    static Pos shift(Pos p, int lines) {
        return p == null ? null : p.shiftLines(lines);
    }
}
