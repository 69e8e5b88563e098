package dev.leanverify.repl.protocol;

import java.util.List;
import java.util.Objects;

/** One tactic step of an {@code allTactics} answer: the tactic, the goals before it, where it is. */
public record Tactic(String tactic, String goals, Pos pos, Pos endPos, Integer proofState,
                     List<String> usedConstants, Extra extra) {

    public Tactic {
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(extra, "extra");
        usedConstants = usedConstants == null ? null : List.copyOf(usedConstants);
    }

    public Tactic shiftLines(int lines) {
        return new Tactic(tactic, goals, Message.shift(pos, lines), Message.shift(endPos, lines), proofState,
                usedConstants, extra);
    }
}
