package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.Sorry;
import dev.leanverify.repl.protocol.Tactic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's answer to a command no recording knows: every {@code sorry} or {@code admit}
 * outside comments and strings becomes a sorry (with a made-up goal) and a "declaration uses
 * `sorry`" warning on the declaration's name; everything else is accepted. With {@code allTactics}
 * every line of a {@code := by} block is reported as a tactic; with {@code infotree} a small tree of
 * those tactics is returned. Plausible in shape, not in content: this is a test double.
 */
final class RuleAnswers {
    /** The goal the simulator gives every sorry and tactic: visibly not Lean's. */
    static final String GOAL = "⊢ sorry-goal (simulated)";
    static final String SORRY_WARNING = "declaration uses `sorry`";
    private static final List<String> DECLARATIONS = List.of("theorem", "lemma", "example", "def", "instance",
            "abbrev");
    private static final Set<String> NAMELESS = Set.of("example", "instance");
    private static final Set<String> INFOTREE_KINDS = Set.of("full", "tactics", "original", "substantive");
    private static final Pattern BY = Pattern.compile(":=\\s*by(?![\\p{L}\\p{N}_'!?])");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RuleAnswers() {
    }

    /**
     * Elaborates by rule. Proof-state ids are drawn from {@code ids} in the order the real REPL
     * draws them: sorries first, then tactics.
     */
    static Elaboration answer(LeanSource source, boolean allTactics, String infotree, IntSupplier ids) {
        List<Declaration> declarations = declarations(source);
        List<Integer> sorryTokens = new ArrayList<>(source.findWord("sorry"));
        List<Integer> admits = source.findWord("admit");
        sorryTokens.addAll(admits);
        sorryTokens.sort(Comparator.naturalOrder());

        List<Sorry> sorries = new ArrayList<>();
        for (int at : sorryTokens) {
            int length = admits.contains(at) ? "admit".length() : "sorry".length();
            sorries.add(new Sorry(GOAL, ids.getAsInt(), source.pos(at), source.pos(at + length), Extra.none()));
        }
        List<Message> messages = new ArrayList<>();
        for (Declaration d : declarations) {
            if (sorryTokens.stream().anyMatch(at -> at >= d.start() && at < d.end())) {
                messages.add(new Message("warning", source.pos(d.nameStart()), source.pos(d.nameEnd()),
                        SORRY_WARNING));
            }
        }
        List<TacticLine> lines = tacticLines(source, declarations);
        List<Tactic> tactics = new ArrayList<>();
        if (allTactics) {
            for (TacticLine t : lines) {
                tactics.add(new Tactic(t.text(), GOAL, t.pos(), t.endPos(), ids.getAsInt(), List.of(), Extra.none()));
            }
        }
        return new Elaboration(messages, sorries, tactics, infotree(source, infotree, lines));
    }

    /** A declaration: from its keyword to the next one; the name range is where Lean puts its warnings. */
    record Declaration(int start, int end, int nameStart, int nameEnd) {
    }

    /** A line of a tactic block, with comments trimmed off. */
    record TacticLine(String text, Pos pos, Pos endPos) {
    }

    static List<Declaration> declarations(LeanSource source) {
        String code = source.code();
        List<Integer> starts = new ArrayList<>();
        for (String keyword : DECLARATIONS) {
            starts.addAll(source.findWord(keyword));
        }
        starts.sort(Comparator.naturalOrder());
        List<Declaration> found = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int start = starts.get(k);
            int end = k + 1 < starts.size() ? starts.get(k + 1) : code.length();
            String keyword = DECLARATIONS.stream().filter(w -> code.startsWith(w, start)).findFirst().orElseThrow();
            int keywordEnd = start + keyword.length();
            int nameStart = keywordEnd;
            while (nameStart < end && Character.isWhitespace(code.charAt(nameStart))) {
                nameStart++;
            }
            int nameEnd = nameStart;
            while (nameEnd < end && (LeanSource.isIdentChar(code.charAt(nameEnd)) || code.charAt(nameEnd) == '.')) {
                nameEnd++;
            }
            if (NAMELESS.contains(keyword) && (nameEnd == nameStart || keyword.equals("example"))) {
                found.add(new Declaration(start, end, start, keywordEnd));
            } else {
                found.add(new Declaration(start, end, nameStart, nameEnd == nameStart ? keywordEnd : nameEnd));
            }
        }
        return found;
    }

    /** One entry per non-blank line after {@code := by} (the rest of the {@code by} line included). */
    static List<TacticLine> tacticLines(LeanSource source, List<Declaration> declarations) {
        String code = source.code();
        List<TacticLine> lines = new ArrayList<>();
        for (Declaration d : declarations) {
            Matcher by = BY.matcher(code).region(d.start(), d.end());
            if (!by.find()) {
                continue;
            }
            int from = by.end();
            while (from < d.end()) {
                int lineEnd = Math.min(LeanSource.lineEnd(code, from), d.end());
                int s = from;
                while (s < lineEnd && Character.isWhitespace(code.charAt(s))) {
                    s++;
                }
                int e = lineEnd;
                while (e > s && Character.isWhitespace(code.charAt(e - 1))) {
                    e--;
                }
                if (e > s) {
                    lines.add(new TacticLine(source.raw().substring(s, e), source.pos(s), source.pos(e)));
                }
                from = lineEnd + 1;
            }
        }
        return lines;
    }

    private static JsonNode infotree(LeanSource source, String kind, List<TacticLine> lines) {
        if (kind == null || !INFOTREE_KINDS.contains(kind)) {
            return null;
        }
        ArrayNode trees = NODES.arrayNode();
        for (TacticLine t : lines) {
            ObjectNode tree = trees.addObject();
            ObjectNode node = tree.putObject("node");
            ObjectNode stx = node.putObject("stx");
            ObjectNode range = stx.putObject("range");
            range.put("synthetic", false);
            putPos(range, "start", t.pos());
            putPos(range, "finish", t.endPos());
            stx.put("pp", t.text());
            stx.put("kind", "simulated.tactic");
            stx.putArray("argKinds");
            node.put("name", "simulated.tactic");
            node.putArray("goalsBefore").add(GOAL);
            node.putArray("goalsAfter");
            tree.put("kind", "TacticInfo");
            tree.putArray("children");
        }
        if (trees.isEmpty() && kind.equals("full") && !source.raw().isBlank()) {
            ObjectNode tree = trees.addObject();
            ObjectNode stx = tree.putObject("node").putObject("stx");
            ObjectNode range = stx.putObject("range");
            range.put("synthetic", false);
            putPos(range, "start", source.pos(0));
            putPos(range, "finish", source.pos(source.raw().length()));
            stx.put("pp", "<simulated command>");
            stx.put("kind", "simulated.command");
            tree.put("kind", "CommandInfo");
            tree.putArray("children");
        }
        return trees.isEmpty() ? null : trees;
    }

    private static void putPos(ObjectNode o, String name, Pos pos) {
        ObjectNode p = o.putObject(name);
        p.put("line", pos.line());
        p.put("column", pos.column());
    }
}
