package dev.leanverify.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A submitted command split into its {@code -- sim:} directives and the Lean source without them.
 * The clean source is what recordings are matched against, so that a recorded proof with a
 * directive added still finds its recording; {@link #originalLine} maps a line of the clean source
 * back to the line the client sent, since Lean reports positions in the submitted text.
 *
 * @param source the command as submitted
 * @param directives the directives, in order of appearance
 * @param problems unknown or malformed directives, as (line, text) for error messages
 * @param clean the source with directive comments removed, and lines holding only one dropped
 * @param cleanToOriginal for each 0-based line of {@code clean}, its 1-based line in the source
 */
record ScriptedSource(LeanSource source, List<Directive> directives, List<Problem> problems, String clean,
                      List<Integer> cleanToOriginal) {
    private static final Pattern SIM = Pattern.compile("^\\s*sim:(.*)$", Pattern.DOTALL);

    /** A directive the simulator could not read. */
    record Problem(int line, String text) {
    }

    ScriptedSource {
        Objects.requireNonNull(source, "source");
        directives = List.copyOf(directives);
        problems = List.copyOf(problems);
        Objects.requireNonNull(clean, "clean");
        cleanToOriginal = List.copyOf(cleanToOriginal);
    }

    static ScriptedSource of(String text) {
        LeanSource source = LeanSource.of(text);
        List<Directive> directives = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int[] directiveAt = new int[source.lineCount() + 1];
        java.util.Arrays.fill(directiveAt, -1);
        for (LeanSource.LineComment comment : source.lineComments()) {
            Matcher m = SIM.matcher(comment.text());
            if (!m.matches()) {
                continue;
            }
            directiveAt[comment.line()] = comment.offset();
            try {
                directives.add(Directive.parse(m.group(1), comment.line()));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(comment.line(), e.getMessage()));
            }
        }
        StringBuilder clean = new StringBuilder(text.length());
        List<Integer> map = new ArrayList<>();
        for (int line = 1; line <= source.lineCount(); line++) {
            String raw = source.line(line);
            if (directiveAt[line] >= 0) {
                String before = raw.substring(0, directiveAt[line] - source.lineStart(line));
                if (before.isBlank()) {
                    continue;
                }
                raw = before.stripTrailing();
            }
            if (!map.isEmpty()) {
                clean.append('\n');
            }
            clean.append(raw);
            map.add(line);
        }
        return new ScriptedSource(source, directives, problems, clean.toString(), map);
    }

    /** The 1-based line of the submitted command that 1-based line {@code cleanLine} of the clean source came from. */
    int originalLine(int cleanLine) {
        int lines = cleanToOriginal.size();
        if (cleanLine < 1 || lines == 0) {
            return cleanLine; // line 0 means "no position" in Lean: keep it
        }
        if (cleanLine > lines) {
            return cleanToOriginal.get(lines - 1) + (cleanLine - lines);
        }
        return cleanToOriginal.get(cleanLine - 1);
    }

    boolean has(Directive.Kind kind) {
        return directives.stream().anyMatch(d -> d.kind() == kind);
    }

    /** Total of the amounts of one kind (several {@code cost} lines add up). */
    double total(Directive.Kind kind) {
        return directives.stream().filter(d -> d.kind() == kind).mapToDouble(Directive::amount).sum();
    }
}
