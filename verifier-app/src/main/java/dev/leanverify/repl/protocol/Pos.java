package dev.leanverify.repl.protocol;

/** A position as the REPL reports it: 1-based line, 0-based column. */
public record Pos(int line, int column) {

    /** The same position moved down by {@code lines} (to undo a header split). */
    public Pos shiftLines(int lines) {
        return lines == 0 ? this : new Pos(line + lines, column);
    }
}
