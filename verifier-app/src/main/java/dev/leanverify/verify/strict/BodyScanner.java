package dev.leanverify.verify.strict;

import dev.leanverify.verify.strict.LeanTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the names of the declarations a proof body adds (theorems, lemmas, definitions, named
 * instances, axioms, types), with the namespaces open around them, so that the verifier can ask
 * Lean about each. What each one depends on is Lean's answer, not this scanner's.
 */
public final class BodyScanner {
    private static final Set<String> DECLARING = Set.of("theorem", "lemma", "def", "abbrev", "instance", "opaque",
            "axiom", "structure", "inductive", "class");

    private BodyScanner() {
    }

    /** Full names (components) of the declarations, in order of appearance, without duplicates. */
    public static List<List<String>> declarations(LeanTokens lexed) {
        List<Token> tokens = lexed.tokens();
        Set<List<String>> found = new LinkedHashSet<>();
        Deque<List<String>> scopes = new ArrayDeque<>(); // each entry: the namespace components it added
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (!t.identifier()) {
                continue;
            }
            switch (t.text()) {
                case "namespace" -> {
                    List<String> ns = k + 1 < tokens.size() ? LeanNames.components(tokens.get(k + 1).text()) : null;
                    scopes.push(ns == null ? List.of() : ns);
                }
                case "section", "mutual" -> scopes.push(List.of());
                case "end" -> {
                    if (!scopes.isEmpty()) {
                        scopes.pop();
                    }
                }
                default -> {
                    if (DECLARING.contains(t.text()) && !afterDot(tokens, k)) {
                        List<String> name = declaredName(tokens, k);
                        if (name != null) {
                            found.add(qualify(scopes, name));
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** {@code deriving instance} and {@code class inductive} declare nothing by that keyword. */
    private static boolean afterDot(List<Token> tokens, int k) {
        if (k == 0) {
            return false;
        }
        String before = tokens.get(k - 1).text();
        return before.equals("deriving") || (tokens.get(k).text().equals("inductive") && before.equals("class"));
    }

    private static List<String> declaredName(List<Token> tokens, int k) {
        int next = k + 1;
        if (tokens.get(k).text().equals("class") && next < tokens.size() && tokens.get(next).text().equals("inductive")) {
            next++;
        }
        if (tokens.get(k).text().equals("instance") && next < tokens.size() && tokens.get(next).text().equals("(")) {
            int depth = 0; // skip (priority := ...)
            for (; next < tokens.size(); next++) {
                String s = tokens.get(next).text();
                depth += s.equals("(") ? 1 : s.equals(")") ? -1 : 0;
                if (depth == 0) {
                    next++;
                    break;
                }
            }
        }
        if (next >= tokens.size() || !tokens.get(next).identifier()) {
            return null; // anonymous instance, or not a declaration after all
        }
        return LeanNames.components(stripUniverses(tokens.get(next).text()));
    }

    private static String stripUniverses(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static List<String> qualify(Deque<List<String>> scopes, List<String> name) {
        if (name.get(0).equals("_root_")) {
            return List.copyOf(name.subList(1, name.size()));
        }
        List<String> full = new ArrayList<>();
        List<List<String>> outerFirst = new ArrayList<>(scopes);
        java.util.Collections.reverse(outerFirst);
        outerFirst.forEach(full::addAll);
        full.addAll(name);
        return List.copyOf(full);
    }
}
