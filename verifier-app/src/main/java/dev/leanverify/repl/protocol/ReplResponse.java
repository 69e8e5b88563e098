package dev.leanverify.repl.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A response of the REPL. Lists are null when the REPL left them out (it omits empty ones), so
 * that re-serializing gives back the same JSON value.
 */
public sealed interface ReplResponse {

    Extra extra();

    /** Answer to a command, file or pickle request: the new environment and what Lean said. */
    record Command(Integer env, List<Message> messages, List<Sorry> sorries, List<Tactic> tactics,
                   JsonNode infotree, Extra extra) implements ReplResponse {
        public Command {
            messages = messages == null ? null : List.copyOf(messages);
            sorries = sorries == null ? null : List.copyOf(sorries);
            tactics = tactics == null ? null : List.copyOf(tactics);
            java.util.Objects.requireNonNull(extra, "extra");
        }

        public List<Message> messagesOrEmpty() {
            return messages == null ? List.of() : messages;
        }

        public List<Sorry> sorriesOrEmpty() {
            return sorries == null ? List.of() : sorries;
        }

        public List<Tactic> tacticsOrEmpty() {
            return tactics == null ? List.of() : tactics;
        }

        public boolean hasError() {
            return messagesOrEmpty().stream().anyMatch(Message::isError);
        }
    }

    /** Answer to a tactic (or proof-state pickle) request. */
    record TacticResult(int proofState, List<String> goals, List<Message> messages, List<Sorry> sorries,
                        List<String> traces, String proofStatus, Extra extra) implements ReplResponse {
        public TacticResult {
            goals = goals == null ? null : List.copyOf(goals);
            messages = messages == null ? null : List.copyOf(messages);
            sorries = sorries == null ? null : List.copyOf(sorries);
            traces = traces == null ? null : List.copyOf(traces);
            java.util.Objects.requireNonNull(extra, "extra");
        }
    }

    /** {@code {"message": ...}}: the REPL refused the request (unknown environment, Lean exception...). */
    record Error(String message, Extra extra) implements ReplResponse {
        public Error {
            java.util.Objects.requireNonNull(message, "message");
            java.util.Objects.requireNonNull(extra, "extra");
        }
    }
}
