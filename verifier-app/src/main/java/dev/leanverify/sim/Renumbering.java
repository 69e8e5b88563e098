package dev.leanverify.sim;

import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.repl.protocol.Sorry;
import dev.leanverify.repl.protocol.Tactic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

/**
 * Reuses a recorded answer in another process: the proof-state ids it names are replaced by fresh
 * ids of this process (taken in the order of the recorded ids, which is the order the real REPL
 * made them in), and line numbers are mapped when the submitted text has lines the recording did
 * not (directive comments).
 */
final class Renumbering {
    private final Map<Integer, Integer> proofStates = new HashMap<>();
    private final IntUnaryOperator lines;

    private Renumbering(Stream<Integer> recordedIds, IntSupplier newIds, IntUnaryOperator lines) {
        new TreeSet<>(recordedIds.filter(Objects::nonNull).toList())
                .forEach(id -> proofStates.put(id, newIds.getAsInt()));
        this.lines = lines;
    }

    /** The recorded command answer as this process's elaboration (its env id is given later). */
    static Elaboration command(ReplResponse.Command recorded, IntSupplier newIds, IntUnaryOperator lines) {
        Renumbering r = new Renumbering(Stream.concat(
                recorded.sorriesOrEmpty().stream().map(Sorry::proofState),
                recorded.tacticsOrEmpty().stream().map(Tactic::proofState)), newIds, lines);
        return new Elaboration(
                recorded.messagesOrEmpty().stream().map(r::message).toList(),
                recorded.sorriesOrEmpty().stream().map(r::sorry).toList(),
                recorded.tacticsOrEmpty().stream().map(r::tactic).toList(),
                recorded.infotree());
    }

    /** The recorded tactic answer with this process's proof-state ids. */
    static ReplResponse.TacticResult tactic(ReplResponse.TacticResult recorded, IntSupplier newIds) {
        List<Sorry> sorries = recorded.sorries() == null ? List.of() : recorded.sorries();
        Renumbering r = new Renumbering(Stream.concat(sorries.stream().map(Sorry::proofState),
                Stream.of(recorded.proofState())), newIds, IntUnaryOperator.identity());
        return new ReplResponse.TacticResult(r.id(recorded.proofState()), recorded.goals(), recorded.messages(),
                recorded.sorries() == null ? null : sorries.stream().map(r::sorry).toList(), recorded.traces(),
                recorded.proofStatus(), recorded.extra());
    }

    private Integer id(Integer recorded) {
        return recorded == null ? null : proofStates.get(recorded);
    }

    private Pos pos(Pos p) {
        return p == null || p.line() == 0 ? p : new Pos(lines.applyAsInt(p.line()), p.column());
    }

    private Message message(Message m) {
        return new Message(m.severity(), pos(m.pos()), pos(m.endPos()), m.data(), m.extra());
    }

    private Sorry sorry(Sorry s) {
        return new Sorry(s.goal(), id(s.proofState()), pos(s.pos()), pos(s.endPos()), s.extra());
    }

    private Tactic tactic(Tactic t) {
        return new Tactic(t.tactic(), t.goals(), pos(t.pos()), pos(t.endPos()), id(t.proofState()),
                t.usedConstants(), t.extra());
    }
}
