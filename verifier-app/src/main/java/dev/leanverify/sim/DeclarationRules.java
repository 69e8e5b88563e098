package dev.leanverify.sim;

import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulator says about declarations, by rules that work on any source: it records what
 * each command declares (with the axioms the proof text shows: {@code sorry}/{@code admit}/
 * {@code apply?} → {@code sorryAx}, {@code native_decide} → {@code Lean.ofReduceBool}, an
 * {@code axiom} → itself, automation tactics → the three standard axioms, a use of an earlier
 * declaration → its axioms) and answers {@code #print axioms}, {@code #check} (with pp.all: full
 * constant names, and the user instance or notation in scope where one was declared) and
 * {@code #eval IO.println "..."} with Lean's wording and line wrapping. A test double: it reads the
 * text, it does not elaborate it.
 */
final class DeclarationRules {
    /** Lean's default pretty-printer width. */
    static final int WIDTH = 120;
    private static final Pattern TOKEN = Pattern.compile(
            "#[A-Za-z_]+|(?:«[^»]*»|[\\p{L}_][\\p{L}\\p{N}_'!?\\u2080-\\u209C]*)"
                    + "(?:\\.(?:«[^»]*»|[\\p{L}_][\\p{L}\\p{N}_'!?\\u2080-\\u209C]*))*|\\d+|:=|\\S");
    private static final Set<String> MODIFIERS = Set.of("private", "protected", "noncomputable", "unsafe", "partial",
            "local", "scoped", "nonrec");
    private static final Set<String> DECLARING = Set.of("theorem", "lemma", "def", "abbrev", "opaque", "axiom",
            "instance", "structure", "inductive", "class", "example");
    private static final Set<String> NOTATION = Set.of("notation", "infix", "infixl", "infixr", "prefix", "postfix",
            "macro", "syntax");
    private static final Set<String> SORRY = Set.of("sorry", "admit", "apply?", "exact?", "rw?", "simp?");
    private static final Set<String> AUTOMATION = Set.of("simp", "simp_all", "simpa", "omega", "linarith",
            "nlinarith", "norm_num", "aesop", "positivity", "ring", "ring_nf", "field_simp", "tauto", "polyrith",
            "gcongr", "bound", "push_cast", "norm_cast", "exact_mod_cast", "split_ifs", "by_contra", "by_cases",
            "push_neg", "contrapose", "interval_cases", "fin_cases", "decide_aux", "nlinarith!", "linarith!");
    private static final List<String> STANDARD = List.of("propext", "Classical.choice", "Quot.sound");
    private static final Map<String, String> TYPES = Map.of("ℕ", "Nat", "ℤ", "Int", "ℚ", "Rat", "ℝ", "Real",
            "ℂ", "Complex");
    /** Operator → the constant pp.all prints, and the class whose instance it uses (null: none). */
    private static final Map<String, String[]> OPERATORS = Map.ofEntries(
            Map.entry("+", new String[] {"HAdd.hAdd", "Add"}), Map.entry("*", new String[] {"HMul.hMul", "Mul"}),
            Map.entry("-", new String[] {"HSub.hSub", "Sub"}), Map.entry("/", new String[] {"HDiv.hDiv", "Div"}),
            Map.entry("%", new String[] {"HMod.hMod", "Mod"}), Map.entry("^", new String[] {"HPow.hPow", "Pow"}),
            Map.entry("≤", new String[] {"LE.le", "LE"}), Map.entry("≥", new String[] {"GE.ge", "LE"}),
            Map.entry("<", new String[] {"LT.lt", "LT"}), Map.entry(">", new String[] {"GT.gt", "LT"}),
            Map.entry("∣", new String[] {"Dvd.dvd", "Dvd"}), Map.entry("=", new String[] {"Eq.{1}", null}),
            Map.entry("≠", new String[] {"Ne.{1}", null}), Map.entry("∧", new String[] {"And", null}),
            Map.entry("∨", new String[] {"Or", null}), Map.entry("¬", new String[] {"Not", null}),
            Map.entry("↔", new String[] {"Iff", null}));

    private DeclarationRules() {
    }

    /** The new environment and the messages of the commands this rule answers. */
    record Result(SimEnvironment env, List<Message> messages) {
    }

    private record Tok(String text, int offset) {
    }

    static Result run(LeanSource source, SimEnvironment parent) {
        SimEnvironment.Builder env = parent.toBuilder();
        List<Message> messages = new ArrayList<>();
        Deque<List<String>> scopes = new ArrayDeque<>();
        String code = source.code();
        List<Integer> starts = new ArrayList<>();
        for (int line = 1; line <= source.lineCount(); line++) {
            int at = source.lineStart(line);
            if (at < code.length() && !Character.isWhitespace(code.charAt(at))) {
                starts.add(at);
            }
        }
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : code.length();
            command(source, from, to, env, scopes, messages);
        }
        return new Result(env.snapshot(), messages);
    }

    private static void command(LeanSource source, int from, int to, SimEnvironment.Builder env,
                                Deque<List<String>> scopes, List<Message> messages) {
        List<Tok> toks = new ArrayList<>();
        Matcher m = TOKEN.matcher(source.code()).region(from, to);
        while (m.find()) {
            toks.add(new Tok(m.group(), m.start()));
        }
        int i = 0;
        while (i < toks.size()) {
            String t = toks.get(i).text();
            if (t.equals("@") && i + 1 < toks.size() && toks.get(i + 1).text().equals("[")) {
                i = skipBalanced(toks, i + 1);
            } else if (MODIFIERS.contains(t)) {
                i++;
            } else {
                break;
            }
        }
        if (i >= toks.size()) {
            return;
        }
        String head = toks.get(i).text();
        List<String> namespace = new ArrayList<>();
        List<List<String>> outerFirst = new ArrayList<>(scopes);
        java.util.Collections.reverse(outerFirst);
        outerFirst.forEach(namespace::addAll);
        switch (head) {
            case "namespace" -> scopes.push(i + 1 < toks.size() ? split(toks.get(i + 1).text()) : List.of());
            case "section", "mutual" -> scopes.push(List.of());
            case "end" -> {
                if (!scopes.isEmpty()) {
                    scopes.pop();
                }
            }
            case "#print" -> printAxioms(source, toks, i, namespace, env, messages);
            case "#eval" -> eval(source, toks.get(i), from, to, messages);
            case "set_option", "#check" -> {
                int check = indexOf(toks, "#check", i);
                if (check >= 0) {
                    boolean ppAll = indexOf(toks, "pp.all", i) >= 0 && indexOf(toks, "pp.all", i) < check
                            && toks.get(indexOf(toks, "pp.all", i) + 1).text().equals("true");
                    check(source, toks, check, ppAll, namespace, env, messages);
                }
            }
            default -> {
                if (DECLARING.contains(head)) {
                    declaration(toks, i, namespace, env);
                } else if (NOTATION.contains(head) || head.startsWith("notation")) {
                    for (String literal : stringLiterals(source.raw(), from, to)) {
                        if (!literal.isBlank()) {
                            env.notation(literal.strip());
                        }
                    }
                }
            }
        }
    }

    private static void declaration(List<Tok> toks, int i, List<String> namespace, SimEnvironment.Builder env) {
        String keyword = toks.get(i).text();
        int k = i + 1;
        if (keyword.equals("class") && k < toks.size() && toks.get(k).text().equals("inductive")) {
            k++;
        }
        if (keyword.equals("instance") && k < toks.size() && toks.get(k).text().equals("(")) {
            k = skipBalanced(toks, k);
        }
        List<String> name = null;
        if (!keyword.equals("example") && k < toks.size() && isIdent(toks.get(k).text())) {
            name = split(toks.get(k).text());
            k++;
        }
        int end = k;
        int depth = 0;
        int colon = -1;
        for (; end < toks.size(); end++) {
            String t = toks.get(end).text();
            if ("([{⟨".contains(t)) {
                depth++;
            } else if (")]}⟩".contains(t)) {
                depth--;
            } else if (depth == 0 && (t.equals(":=") || t.equals("|") || t.equals("where"))) {
                break;
            } else if (depth == 0 && t.equals(":") && colon < 0) {
                colon = end;
            }
        }
        List<Tok> binders = toks.subList(k, colon < 0 ? end : colon);
        List<Tok> type = colon < 0 ? List.of() : toks.subList(colon + 1, end);
        if (keyword.equals("instance") && name == null) {
            StringBuilder generated = new StringBuilder("inst"); // Lean names `instance : Add ℕ` instAddNat
            type.stream().map(Tok::text).filter(DeclarationRules::isIdent)
                    .forEach(t -> generated.append(TYPES.getOrDefault(t, t).replace(".", "")));
            name = List.of(generated.toString());
        }
        if (name == null) {
            return; // an example adds nothing to the environment
        }
        List<String> full = new ArrayList<>();
        if (name.get(0).equals("_root_")) {
            full.addAll(name.subList(1, name.size()));
        } else {
            full.addAll(namespace);
            full.addAll(name);
        }
        Set<String> axioms = new LinkedHashSet<>();
        if (keyword.equals("axiom")) {
            axioms.add(write(full));
        }
        for (int j = k; j < toks.size(); j++) {
            String t = toks.get(j).text();
            if (SORRY.contains(t)) {
                axioms.add("sorryAx");
            } else if (t.equals("native_decide")) {
                axioms.add("Lean.ofReduceBool");
            } else if (AUTOMATION.contains(t)) {
                axioms.addAll(STANDARD);
            } else if (t.startsWith("Classical.")) {
                axioms.add("Classical.choice");
            } else if (isIdent(t)) {
                resolvePrefix(t, namespace, env).ifPresent(d -> axioms.addAll(d.axioms()));
            }
        }
        String plain = render(binders, type, namespace, env, false);
        String ppAll = render(binders, type, namespace, env, true);
        env.declare(new SimEnvironment.Declaration(List.copyOf(full), Set.copyOf(axioms), ppAll, plain));
        if (keyword.equals("instance")) {
            String cls = type.stream().map(Tok::text).filter(DeclarationRules::isIdent).findFirst().orElse(null);
            if (cls != null) {
                env.instance(cls, write(full));
            }
        }
    }

    private static String render(List<Tok> binders, List<Tok> type, List<String> namespace, SimEnvironment.Builder env,
                                 boolean ppAll) {
        String b = join(binders, namespace, env, ppAll);
        String t = join(type, namespace, env, ppAll);
        return b.isEmpty() ? t : "∀ " + b + ", " + t;
    }

    private static String join(List<Tok> toks, List<String> namespace, SimEnvironment.Builder env, boolean ppAll) {
        StringBuilder out = new StringBuilder();
        for (Tok tok : toks) {
            String t = tok.text();
            String r = t;
            if (ppAll) {
                if (env.isNotation(t)) {
                    r = "(«user notation " + t + "»)";
                } else if (TYPES.containsKey(t)) {
                    r = TYPES.get(t);
                } else if (t.chars().allMatch(Character::isDigit)) {
                    r = "(@OfNat.ofNat.{0} _ " + t + " _)";
                } else if (OPERATORS.containsKey(t)) {
                    String[] op = OPERATORS.get(t);
                    String instance = op[1] == null ? "" : " " + env.instanceOf(op[1]).map(x -> "(" + x + ")")
                            .orElse("_");
                    r = "@" + op[0] + instance;
                } else if (isIdent(t)) {
                    r = resolve(t, namespace, env).map(d -> write(d.name())).orElse(t);
                }
            } else if (env.isNotation(t)) {
                r = t;
            }
            out.append(out.isEmpty() ? "" : " ").append(r);
        }
        return out.toString().replace("( ", "(").replace(" )", ")").replace(" ,", ",");
    }

    private static void printAxioms(LeanSource source, List<Tok> toks, int i, List<String> namespace,
                                    SimEnvironment.Builder env, List<Message> messages) {
        Tok print = toks.get(i);
        if (i + 2 >= toks.size() || !toks.get(i + 1).text().equals("axioms")) {
            return;
        }
        String asked = toks.get(i + 2).text();
        Optional<SimEnvironment.Declaration> d = resolve(asked, namespace, env);
        if (d.isEmpty()) {
            messages.add(at(source, print, "error", "unknown constant '" + asked + "'"));
            return;
        }
        String name = write(d.get().name());
        List<String> axioms = new ArrayList<>(d.get().axioms());
        axioms.sort(DeclarationRules::nameLt);
        String text;
        if (axioms.isEmpty()) {
            text = "'" + name + "' does not depend on any axioms";
        } else {
            String prefix = "'" + name + "' depends on axioms: ";
            String flat = prefix + "[" + String.join(", ", axioms) + "]";
            text = flat.length() <= WIDTH ? flat : prefix + "[" + String.join(",\n ", axioms) + "]";
        }
        messages.add(at(source, print, "info", text));
    }

    private static void check(LeanSource source, List<Tok> toks, int check, boolean ppAll, List<String> namespace,
                              SimEnvironment.Builder env, List<Message> messages) {
        int k = check + 1;
        boolean explicit = k < toks.size() && toks.get(k).text().equals("@");
        if (explicit) {
            k++;
        }
        if (k >= toks.size()) {
            return;
        }
        String asked = toks.get(k).text();
        Optional<SimEnvironment.Declaration> d = resolve(asked, namespace, env);
        if (d.isEmpty()) {
            messages.add(at(source, toks.get(check), "error", "unknown identifier '" + asked + "'"));
            return;
        }
        String name = write(d.get().name());
        String text = ppAll ? "@" + name + " : " + d.get().ppAll()
                : (explicit ? "@" + name + " : " : name + " : ") + d.get().plain();
        messages.add(at(source, toks.get(check), "info", wrap(text)));
    }

    /** {@code #eval IO.println "text"} prints the text, as Lean shows a program's output: an info message. */
    private static void eval(LeanSource source, Tok eval, int from, int to, List<Message> messages) {
        if (!source.code().substring(from, to).contains("IO.println")) {
            return;
        }
        List<String> literals = stringLiterals(source.raw(), from, to);
        if (!literals.isEmpty()) {
            messages.add(at(source, eval, "info", literals.get(0) + "\n"));
        }
    }

    /** Greedy wrapping at Lean's width, continuation lines indented by two spaces. */
    static String wrap(String text) {
        if (text.length() <= WIDTH) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (String word : text.split(" ")) {
            if (column > 0 && column + 1 + word.length() > WIDTH) {
                out.append("\n  ");
                column = 2;
            } else if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    private static Message at(LeanSource source, Tok tok, String severity, String data) {
        return new Message(severity, source.pos(tok.offset()), source.pos(tok.offset() + tok.text().length()), data,
                Extra.none());
    }

    private static Optional<SimEnvironment.Declaration> resolve(String text, List<String> namespace,
                                                                SimEnvironment.Builder env) {
        List<String> name = split(text);
        if (!name.isEmpty() && name.get(0).equals("_root_")) {
            return env.declaration(String.join(".", name.subList(1, name.size())));
        }
        for (int n = namespace.size(); n >= 0; n--) {
            List<String> candidate = new ArrayList<>(namespace.subList(0, n));
            candidate.addAll(name);
            Optional<SimEnvironment.Declaration> d = env.declaration(String.join(".", candidate));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** {@code cheat.elim} uses {@code cheat}: the longest prefix that names a declaration. */
    private static Optional<SimEnvironment.Declaration> resolvePrefix(String text, List<String> namespace,
                                                                      SimEnvironment.Builder env) {
        List<String> parts = split(text);
        for (int n = parts.size(); n >= 1; n--) {
            Optional<SimEnvironment.Declaration> d = resolve(String.join(".", parts.subList(0, n)), namespace, env);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** Lean's Name.lt: prefixes first (a shorter name's root sorts before), then the last component. */
    static int nameLt(String a, String b) {
        return compare(split(a), split(b));
    }

    private static int compare(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(!a.isEmpty(), !b.isEmpty());
        }
        int c = compare(a.subList(0, a.size() - 1), b.subList(0, b.size() - 1));
        return c != 0 ? c : a.get(a.size() - 1).compareTo(b.get(b.size() - 1));
    }

    /** Components of a dotted name, «» quotes removed. */
    static List<String> split(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : name.toCharArray()) {
            if (c == '«' || c == '»') {
                quoted = c == '«';
            } else if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    /** A name as Lean prints it: components that are not plain identifiers in «». */
    static String write(List<String> name) {
        StringBuilder out = new StringBuilder();
        for (String c : name) {
            out.append(out.isEmpty() ? "" : ".");
            boolean plain = !c.isEmpty() && !Character.isDigit(c.charAt(0))
                    && c.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == '\'' || ch == '!'
                    || ch == '?' || (ch >= 0x2080 && ch <= 0x209C));
            out.append(plain ? c : "«" + c + "»");
        }
        return out.toString();
    }

    private static boolean isIdent(String t) {
        char c = t.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '«';
    }

    private static int indexOf(List<Tok> toks, String text, int from) {
        for (int j = from; j < toks.size(); j++) {
            if (toks.get(j).text().equals(text)) {
                return j;
            }
        }
        return -1;
    }

    /** The index after the bracket group opening at {@code open}. */
    private static int skipBalanced(List<Tok> toks, int open) {
        int depth = 0;
        for (int j = open; j < toks.size(); j++) {
            String t = toks.get(j).text();
            if ("([{⟨".contains(t)) {
                depth++;
            } else if (")]}⟩".contains(t)) {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return toks.size();
    }

    /** The contents of the string literals in raw text between two offsets (comments skipped). */
    static List<String> stringLiterals(String raw, int from, int to) {
        List<String> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (raw.startsWith("--", i)) {
                i = LeanSource.lineEnd(raw, i);
            } else if (raw.startsWith("/-", i)) {
                int depth = 0;
                while (i < to) {
                    if (raw.startsWith("/-", i)) {
                        depth++;
                        i += 2;
                    } else if (raw.startsWith("-/", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
            } else if (raw.charAt(i) == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (i < to && raw.charAt(i) != '"') {
                    char c = raw.charAt(i);
                    if (c == '\\' && i + 1 < to) {
                        char e = raw.charAt(i + 1);
                        s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                        i += 2;
                    } else {
                        s.append(c);
                        i++;
                    }
                }
                out.add(s.toString());
                i++;
            } else {
                i++;
            }
        }
        return out;
    }
}
