package dev.leanverify.verify.strict;

import dev.leanverify.repl.protocol.Message;
import java.util.List;

/**
 * The verifier's request for a theorem's elaborated type, {@code set_option pp.all true in #check @NAME}
 * (pp.all prints full constant names, instances and universes, so a redefined notation or instance
 * shows as a different constant), and how its answer is read.
 */
public final class TypeQuery {
    private TypeQuery() {
    }

    /** The query, on one line. */
    public static String line(List<String> name) {
        return "set_option pp.all true in #check @" + LeanNames.write(name);
    }

    /** The answer text with whitespace runs made single spaces (pp wraps lines by width), or null if none. */
    public static String answer(List<Message> messages) {
        if (messages.size() != 1 || !"info".equals(messages.get(0).severity())) {
            return null;
        }
        String text = messages.get(0).data().strip().replaceAll("\\s+", " ");
        return text.startsWith("@") ? text : null;
    }

    /** Why the query got no type: the error Lean gave, or a description of the reply. */
    public static String problem(List<Message> messages) {
        if (messages.isEmpty()) {
            return "no answer";
        }
        Message m = messages.get(0);
        String first = m.data().lines().findFirst().orElse("");
        return messages.size() > 1 ? messages.size() + " messages instead of one" : m.severity() + ": " + first;
    }
}
