package dev.leanverify.repl.protocol;

import java.util.Objects;

/** A sorry left in a proof: the goal it stands for and the proof state to continue from. */
public record Sorry(String goal, Integer proofState, Pos pos, Pos endPos, Extra extra) {

    public Sorry {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(extra, "extra");
    }

    public Sorry shiftLines(int lines) {
        return new Sorry(goal, proofState, Message.shift(pos, lines), Message.shift(endPos, lines), extra);
    }
}
