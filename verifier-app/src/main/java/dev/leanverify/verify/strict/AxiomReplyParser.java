package dev.leanverify.verify.strict;

import dev.leanverify.repl.protocol.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Lean's answer to one {@code #print axioms NAME} (lean4 {@code src/Lean/Elab/Print.lean}):
 * {@code 'NAME' depends on axioms: [a, b, c]} or {@code 'NAME' does not depend on any axioms}, as
 * exactly one info message. The list may be wrapped over lines and is in {@code Name.lt} order,
 * so it is read as a set. Anything else is {@link AxiomAnswer.Unreadable}.
 */
public final class AxiomReplyParser {
    private static final Pattern DEPENDS = Pattern.compile("(?s)'(.+?)' depends on axioms: \\[(.*)\\]\\s*");
    private static final Pattern NONE = Pattern.compile("(?s)'(.+?)' does not depend on any axioms\\s*");

    private AxiomReplyParser() {
    }

    /**
     * @param name     the components of the name the verifier asked about
     * @param messages every message the REPL returned for that request line
     */
    public static AxiomAnswer parse(List<String> name, List<Message> messages) {
        if (messages.isEmpty()) {
            return new AxiomAnswer.Unreadable("no answer");
        }
        if (messages.size() > 1) {
            return new AxiomAnswer.Unreadable(messages.size() + " messages instead of one");
        }
        Message m = messages.get(0);
        if (!"info".equals(m.severity())) {
            return new AxiomAnswer.Unreadable(m.severity() + ": " + firstLine(m.data()));
        }
        String data = m.data();
        Matcher none = NONE.matcher(data);
        if (none.matches()) {
            return sameName(none.group(1), name) ? new AxiomAnswer.Axioms(List.of())
                    : new AxiomAnswer.Unreadable("the answer is about '" + none.group(1) + "'");
        }
        Matcher depends = DEPENDS.matcher(data);
        if (!depends.matches()) {
            return new AxiomAnswer.Unreadable("unreadable answer: " + firstLine(data));
        }
        if (!sameName(depends.group(1), name)) {
            return new AxiomAnswer.Unreadable("the answer is about '" + depends.group(1) + "'");
        }
        List<String> axioms = items(depends.group(2));
        if (axioms == null) {
            return new AxiomAnswer.Unreadable("unreadable axiom list: " + firstLine(data));
        }
        return new AxiomAnswer.Axioms(axioms);
    }

    /** The comma-separated names of a list (commas inside «» belong to the name), or null if malformed. */
    static List<String> items(String list) {
        List<String> raw = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '«') {
                quoted = true;
            } else if (c == '»') {
                quoted = false;
            }
            if (c == ',' && !quoted) {
                raw.add(item.toString());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        raw.add(item.toString());
        List<String> names = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (String r : raw) {
            String n = r.strip();
            List<String> components = LeanNames.components(n);
            if (components == null || !seen.add(components)) {
                return null;
            }
            names.add(LeanNames.write(components));
        }
        return names;
    }

    /** The printed name is the one asked for (a private declaration prints as _private.Module.0.NAME). */
    static boolean sameName(String printed, List<String> asked) {
        List<String> p = LeanNames.components(printed);
        if (p == null) {
            return false;
        }
        if (p.equals(asked)) {
            return true;
        }
        int n = asked.size();
        return p.size() > n + 1 && p.get(0).equals("_private") && p.get(p.size() - n - 1).equals("0")
                && p.subList(p.size() - n, p.size()).equals(asked);
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
