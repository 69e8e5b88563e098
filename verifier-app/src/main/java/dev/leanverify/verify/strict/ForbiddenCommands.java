package dev.leanverify.verify.strict;

import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.verify.strict.LeanTokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands strict mode refuses, each a sequence of words matched against consecutive tokens
 * outside comments and strings: a word matches a token equal to it (or to it plus {@code !}); a
 * word ending in a dot matches any token starting with it ({@code set_option debug.} matches
 * {@code set_option debug.skipKernelTC}).
 */
public final class ForbiddenCommands {
    private final List<List<String>> patterns;

    public ForbiddenCommands(List<String> entries) {
        List<List<String>> p = new ArrayList<>();
        for (String e : entries) {
            List<String> words = List.of(e.strip().split("\\s+"));
            if (!words.get(0).isEmpty()) {
                p.add(words);
            }
        }
        this.patterns = List.copyOf(p);
    }

    /** Every forbidden command in the text, as written, with its position shifted by {@code lineOffset}. */
    public List<Soundness.Finding> find(LeanTokens lexed, int lineOffset) {
        List<Token> tokens = lexed.tokens();
        List<Soundness.Finding> findings = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            for (List<String> pattern : patterns) {
                if (matches(tokens, k, pattern)) {
                    StringBuilder text = new StringBuilder();
                    for (int j = 0; j < pattern.size(); j++) {
                        text.append(j == 0 ? "" : " ").append(tokens.get(k + j).text());
                    }
                    Pos at = lexed.pos(tokens.get(k).offset());
                    findings.add(new Soundness.Finding(text.toString(), at.shiftLines(lineOffset)));
                    break;
                }
            }
        }
        return findings;
    }

    private static boolean matches(List<Token> tokens, int k, List<String> pattern) {
        if (k + pattern.size() > tokens.size()) {
            return false;
        }
        for (int j = 0; j < pattern.size(); j++) {
            String word = pattern.get(j);
            String token = tokens.get(k + j).text();
            boolean ok = word.endsWith(".") && word.length() > 1 ? token.startsWith(word) && token.length() > word.length()
                    : token.equals(word) || token.equals(word + "!");
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
