package dev.leanverify.sim;

import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.verify.strict.LeanTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lean source text as the simulated REPL sees it: the raw text, a copy with comments and string
 * literals blanked out (so that words inside them are not taken for code), the line comments, and
 * positions as Lean reports them (1-based lines, 0-based columns counted in code points).
 *
 * <p>This is a rough lexer for a test double, not a Lean parser: it knows line comments, nested
 * block comments and string literals, which is what finding {@code sorry}, declarations and
 * {@code -- sim:} directives needs.
 */
final class LeanSource {
    private final String raw;
    private final String code;
    private final int[] lineStarts;
    private final List<LineComment> lineComments;

    /** A {@code --} comment: where it starts in the raw text and its text after the dashes. */
    record LineComment(int offset, int line, String text) {
    }

    private LeanSource(String raw, String code, int[] lineStarts, List<LineComment> lineComments) {
        this.raw = raw;
        this.code = code;
        this.lineStarts = lineStarts;
        this.lineComments = lineComments;
    }

    static LeanSource of(String raw) {
        Objects.requireNonNull(raw, "raw");
        char[] masked = raw.toCharArray();
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        int[] lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        List<LineComment> comments = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("--", i)) {
                int end = lineEnd(raw, i);
                comments.add(new LineComment(i, lineOf(lineStarts, i), raw.substring(i + 2, end)));
                blank(masked, i, end);
                i = end;
            } else if (raw.startsWith("/-", i)) {
                int end = LeanTokens.blockCommentEnd(raw, i);
                blank(masked, i, end);
                i = end;
            } else if (raw.charAt(i) == '"') {
                int end = LeanTokens.stringEnd(raw, i);
                blank(masked, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return new LeanSource(raw, new String(masked), lineStarts, List.copyOf(comments));
    }

    /** The text as written. */
    String raw() {
        return raw;
    }

    /** The text with comments and strings replaced by spaces (line breaks kept): same length as raw. */
    String code() {
        return code;
    }

    List<LineComment> lineComments() {
        return lineComments;
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** The 1-based line's raw text, without its line break. */
    String line(int line) {
        int start = lineStarts[line - 1];
        return raw.substring(start, lineEnd(raw, start));
    }

    /** Offset in the text where the 1-based line starts. */
    int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** Where a char offset is, as Lean counts: 1-based line, column in code points. */
    Pos pos(int offset) {
        int line = lineOf(lineStarts, offset);
        int start = lineStarts[line - 1];
        return new Pos(line, raw.codePointCount(start, offset));
    }

    /** The end of the 1-based line as a position (its length in code points). */
    Pos endOfLine(int line) {
        int start = lineStarts[line - 1];
        return new Pos(line, raw.codePointCount(start, lineEnd(raw, start)));
    }

    /** Offsets of {@code word} in the code (not in comments or strings) as a whole token, not after a dot. */
    List<Integer> findWord(String word) {
        List<Integer> found = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = code.indexOf(word, from);
            if (at < 0) {
                return found;
            }
            int end = at + word.length();
            boolean startsToken = at == 0 || !(isIdentChar(code.charAt(at - 1)) || code.charAt(at - 1) == '.');
            boolean endsToken = end == code.length() || !isIdentChar(code.charAt(end));
            if (startsToken && endsToken) {
                found.add(at);
            }
            from = end;
        }
    }

    static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    private static void blank(char[] masked, int from, int to) {
        for (int k = from; k < to && k < masked.length; k++) {
            if (masked[k] != '\n') {
                masked[k] = ' ';
            }
        }
    }

    /** Whether a char can be part of a Lean identifier (close enough for finding keywords). */
    static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '!' || c == '?'
                || (c >= '\u2080' && c <= '\u209C') // subscripts
                || Character.isSurrogate(c);
    }
}
