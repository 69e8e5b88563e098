package dev.leanverify.verify.strict;

import dev.leanverify.repl.protocol.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of Lean source outside comments and string literals: identifiers (dotted, with
 * {@code «»} parts), {@code #commands}, and single other characters. A rough lexer, enough to find
 * command keywords and declaration names; Lean's own answers decide what a proof depends on.
 */
public final class LeanTokens {
    /** A token and where it starts (char offset) in the text. */
    public record Token(String text, int offset, boolean identifier) {
    }

    private final String text;
    private final List<Token> tokens;
    private final int[] lineStarts;

    private LeanTokens(String text, List<Token> tokens, int[] lineStarts) {
        this.text = text;
        this.tokens = tokens;
        this.lineStarts = lineStarts;
    }

    public static LeanTokens of(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("--", i)) {
                i = lineEnd(text, i);
            } else if (text.startsWith("/-", i)) {
                i = blockCommentEnd(text, i);
            } else if (c == '"') {
                i = stringEnd(text, i);
            } else if (c == '\'' && i + 2 < n && text.charAt(i + 2) == '\'' ) {
                i += 3; // a char literal such as 'a'
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                int end = identEnd(text, i + 1);
                tokens.add(new Token(text.substring(i, end), i, false));
                i = end;
            } else if (startsIdent(text, i)) {
                int end = identEnd(text, i);
                tokens.add(new Token(text.substring(i, end), i, true));
                i = end;
            } else {
                int width = Character.charCount(text.codePointAt(i));
                tokens.add(new Token(text.substring(i, i + width), i, false));
                i += width;
            }
        }
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int k = 0; k < n; k++) {
            if (text.charAt(k) == '\n') {
                starts.add(k + 1);
            }
        }
        return new LeanTokens(text, List.copyOf(tokens), starts.stream().mapToInt(Integer::intValue).toArray());
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** Lean's position of an offset: 1-based line, column in code points. */
    public Pos pos(int offset) {
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
        return new Pos(lo + 1, text.codePointCount(lineStarts[lo], offset));
    }

    private static boolean startsIdent(String text, int i) {
        char c = text.charAt(i);
        return c == '«' || (LeanNames.isIdentChar(c) && !Character.isDigit(c) && c != '\'' && c != '!' && c != '?')
                || Character.isSurrogate(c);
    }

    /** End of a dotted identifier: parts joined by dots, a part being plain characters or «quoted». */
    private static int identEnd(String text, int from) {
        int i = from;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '«') {
                int close = text.indexOf('»', i);
                i = close < 0 ? n : close + 1;
            } else if (LeanNames.isIdentChar(c) || Character.isSurrogate(c)) {
                i++;
            } else if (c == '.' && i + 1 < n && (text.charAt(i + 1) == '«' || LeanNames.isIdentChar(text.charAt(i + 1)))
                    && i > from) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /**
     * Where a block comment opened at {@code from} ends (just past its {@code -/}); block comments nest
     * in Lean, and an unclosed one runs to the end of the text. The simulator lexes with the same rule.
     */
    public static int blockCommentEnd(String text, int from) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            if (text.startsWith("/-", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("-/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** Where a string literal opened at {@code from} ends (just past its closing quote, escapes skipped). */
    public static int stringEnd(String text, int from) {
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
