package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.repl.protocol.Sorry;
import dev.leanverify.repl.protocol.Tactic;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator says Lean found in a command, before it is given an environment id:
 * messages, sorries, tactics and an info tree, in the submitted command's coordinates.
 */
record Elaboration(List<Message> messages, List<Sorry> sorries, List<Tactic> tactics, JsonNode infotree) {

    Elaboration {
        messages = List.copyOf(messages);
        sorries = List.copyOf(sorries);
        tactics = List.copyOf(tactics);
    }

    static Elaboration empty() {
        return new Elaboration(List.of(), List.of(), List.of(), null);
    }

    Elaboration plusMessages(List<Message> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Message> all = new ArrayList<>(messages);
        all.addAll(more);
        return new Elaboration(all, sorries, tactics, infotree);
    }

    /** These messages added, all sorted by position as Lean reports them (unchanged when there are none). */
    Elaboration plusMessagesInOrder(List<Message> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Message> all = new ArrayList<>(messages);
        all.addAll(more);
        all.sort(java.util.Comparator.comparingInt((Message m) -> m.pos() == null ? 0 : m.pos().line())
                .thenComparingInt(m -> m.pos() == null ? 0 : m.pos().column()));
        return new Elaboration(all, sorries, tactics, infotree);
    }

    /** The REPL's answer: empty lists are left out, as the REPL leaves them out. */
    ReplResponse.Command toResponse(int env) {
        return new ReplResponse.Command(env, orNull(messages), orNull(sorries), orNull(tactics), infotree,
                Extra.none());
    }

    private static <T> List<T> orNull(List<T> items) {
        return items.isEmpty() ? null : items;
    }
}
