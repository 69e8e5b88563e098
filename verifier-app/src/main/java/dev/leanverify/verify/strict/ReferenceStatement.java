package dev.leanverify.verify.strict;

import dev.leanverify.verify.strict.LeanTokens.Token;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference statement as a request carries it ({@code theorem NAME binders : type}, or with
 * {@code lemma}), read into the theorem's name and the command that elaborates it with a
 * {@code sorry} proof in the header's clean environment.
 *
 * @param name    the theorem's name, as components
 * @param command {@code theorem NAME ... := sorry} on the statement's lines, then the type query
 * @param queryLine the 1-based line of the type query in {@code command}
 */
public record ReferenceStatement(List<String> name, String command, int queryLine) {

    public ReferenceStatement {
        name = List.copyOf(name);
        Objects.requireNonNull(command, "command");
    }

    /** The reference, or empty when the text does not start with {@code theorem NAME} (or lemma). */
    public static Optional<ReferenceStatement> parse(String statement) {
        String text = statement.strip();
        if (text.endsWith(":=")) {
            text = text.substring(0, text.length() - 2).stripTrailing();
        }
        List<Token> tokens = LeanTokens.of(text).tokens();
        if (tokens.size() < 3 || !(tokens.get(0).text().equals("theorem") || tokens.get(0).text().equals("lemma"))
                || tokens.get(0).offset() != 0 || !tokens.get(1).identifier()) {
            return Optional.empty();
        }
        List<String> name = LeanNames.components(tokens.get(1).text());
        if (name == null) {
            return Optional.empty();
        }
        String theorem = "theorem" + text.substring("theorem".length() + (tokens.get(0).text().equals("lemma") ? -2 : 0));
        String command = theorem + " := sorry\n" + TypeQuery.line(name);
        return Optional.of(new ReferenceStatement(name, command, (int) command.lines().count()));
    }
}
