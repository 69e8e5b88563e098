package dev.leanverify.verify.strict;

import java.util.ArrayList;
import java.util.List;

/**
 * Lean names as text: splitting a printed name into its components ({@code «»} quotes protect
 * dots and spaces) and writing a name so that Lean reads it back (quoting components that are not
 * plain identifiers).
 */
public final class LeanNames {
    private LeanNames() {
    }

    /** The components of a printed name, or null when it is not a well-formed name. */
    public static List<String> components(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quoted) {
                if (c == '»') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '«') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                if (part.isEmpty() && !wasQuoted) {
                    return null;
                }
                parts.add(part.toString());
                part.setLength(0);
                wasQuoted = false;
            } else if (isIdentChar(c) || Character.isSurrogate(c)) {
                part.append(c);
            } else {
                return null;
            }
        }
        if (quoted || (part.isEmpty() && !wasQuoted)) {
            return null;
        }
        parts.add(part.toString());
        return parts;
    }

    /** The name written so that Lean parses it as these components. */
    public static String write(List<String> components) {
        StringBuilder out = new StringBuilder();
        for (String c : components) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(isPlain(c) ? c : "«" + c + "»");
        }
        return out.toString();
    }

    static boolean isPlain(String component) {
        if (component.isEmpty() || Character.isDigit(component.charAt(0))) {
            return false;
        }
        return component.chars().allMatch(ch -> isIdentChar((char) ch) || Character.isSurrogate((char) ch));
    }

    /** Characters of Lean identifiers (letters, digits, _, ', !, ?, subscripts, letter-like symbols). */
    public static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '!' || c == '?'
                || (c >= '\u2080' && c <= '\u209C') || (c >= '\u2100' && c <= '\u214F') || (c >= '\u1D49' && c <= '\u1D6A');
    }

    /** Name.lt order, as Lean sorts {@code #print axioms} lists: by prefix first, then the last component. */
    public static int compare(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(!a.isEmpty(), !b.isEmpty());
        }
        int c = compare(a.subList(0, a.size() - 1), b.subList(0, b.size() - 1));
        return c != 0 ? c : compareCodePoints(a.get(a.size() - 1), b.get(b.size() - 1));
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
