package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplProtocolException;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.repl.protocol.Sorry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How one simulated REPL process answers a request: it reads it (dying like the REPL on one it
 * cannot read), charges its import header, replays the recorded session it is following if the
 * request continues it, and otherwise answers by kind: commands and files in
 * {@link CommandAnswers}, tactics, pickles and unpickles here (from an equal recorded request, else
 * by rule). Keeps the per-process state the real REPL keeps (environment and proof-state ids).
 */
final class ReplSession {
    private final SimJson text;
    private final ReplJson json;
    private final Supplier<Recordings> recordings;
    private final ReplState state = new ReplState();
    private final SessionTrail trail = new SessionTrail();
    private final VerbatimReplay replay = new VerbatimReplay(state);
    private final DirectiveRunner directives;
    private final CommandAnswers commands;

    ReplSession(SimJson text, Supplier<Recordings> recordings, SimulatedReplCommand settings, CpuBurner cpu,
                ResourceHog memory, Misbehaviour misbehaviour) {
        WorkCost cost = new WorkCost(cpu, settings.waitCost());
        this.text = Objects.requireNonNull(text, "text");
        this.json = new ReplJson();
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.directives = new DirectiveRunner(cpu, cost, memory, misbehaviour);
        this.commands = new CommandAnswers(json, state, trail, settings, cost, memory, directives);
    }

    /** Answers one request (the text read up to its blank line). May never return: that is a hang. */
    Outcome handle(String query) throws IOException, InterruptedException {
        JsonNode node;
        ReplRequest request;
        try {
            node = text.read(query);
            if (node == null || !node.isObject()) {
                return uncaught("Could not parse JSON:\nnot a JSON object: " + abbreviate(query));
            }
            request = json.requestFromJson(node);
        } catch (IOException e) {
            return uncaught("Could not parse JSON:\n" + e.getMessage());
        } catch (ReplProtocolException e) {
            return uncaught("Could not parse as a valid JSON command:\n" + e.getMessage());
        }
        Recordings rec = recordings.get();
        if (request instanceof ReplRequest.Command c && c.env() == null) {
            commands.loadHeader(LeanSource.of(c.cmd()));
        }
        Optional<Outcome> replayed = replay.answer(request, trail.follow(rec.transcripts(), node), rec.transcripts());
        if (replayed.isPresent()) {
            return replayed.get();
        }
        if (request instanceof ReplRequest.Command c) {
            return commands.command(c, node, rec);
        }
        if (request instanceof ReplRequest.File f) {
            return commands.file(f, node, rec);
        }
        if (request instanceof ReplRequest.TacticStep t) {
            return tactic(t, node, rec);
        }
        if (request instanceof ReplRequest.Pickle p) {
            return pickle(p);
        }
        if (request instanceof ReplRequest.UnpickleEnv) {
            return answer(json.toJson(Elaboration.empty().toResponse(state.newEnvironment())));
        }
        ReplRequest.UnpickleProofState u = (ReplRequest.UnpickleProofState) request;
        if (u.env() != null && !state.hasEnvironment(u.env())) {
            return Outcome.error("Unknown environment.");
        }
        return answer(json.toJson(openProofState()));
    }

    private Outcome tactic(ReplRequest.TacticStep t, JsonNode node, Recordings rec)
            throws IOException, InterruptedException {
        if (!state.hasProofState(t.proofState())) {
            return Outcome.error("Unknown proof state.");
        }
        ScriptedSource script = ScriptedSource.of(t.tactic());
        List<Message> notes = new ArrayList<>();
        Optional<Outcome> ended = directives.perform(script, notes);
        if (ended.isPresent()) {
            return ended.get();
        }
        if (notes.isEmpty()) {
            List<Transcripts.Cursor> places = trail.recordedAt(rec.transcripts(), node);
            for (Transcripts.Cursor at : places) {
                try {
                    if (json.responseFromJson(rec.transcripts().at(at).response())
                            instanceof ReplResponse.TacticResult recorded) {
                        trail.foundAt(places);
                        return answer(json.toJson(Renumbering.tactic(recorded, state::newProofState)));
                    }
                } catch (ReplProtocolException e) {
                    break;
                }
            }
        }
        LeanSource source = script.source();
        boolean sorry = !source.findWord("sorry").isEmpty() || !source.findWord("admit").isEmpty();
        List<Sorry> sorries = sorry
                ? List.of(new Sorry(RuleAnswers.GOAL, state.newProofState(), null, null, Extra.none())) : null;
        return DirectiveRunner.deliver(script, json.toJson(new ReplResponse.TacticResult(state.newProofState(),
                List.of(), notes.isEmpty() ? null : notes, sorries, null,
                sorry ? "Incomplete: contains sorry" : "Completed", Extra.none())));
    }

    private Outcome pickle(ReplRequest.Pickle p) {
        if (p.env() != null) {
            if (!state.hasEnvironment(p.env())) {
                return Outcome.error("Unknown environment.");
            }
            return answer(json.toJson(Elaboration.empty().toResponse(p.env()))); // pickling makes no new env
        }
        if (p.proofState() != null) {
            if (!state.hasProofState(p.proofState())) {
                return Outcome.error("Unknown proof State."); // sic: the REPL spells it so here
            }
            return answer(json.toJson(openProofState()));
        }
        return uncaught("Could not parse as a valid JSON command:\npickleTo needs env or proofState");
    }

    private ReplResponse.TacticResult openProofState() {
        return new ReplResponse.TacticResult(state.newProofState(), List.of(RuleAnswers.GOAL), null, null, null,
                "Incomplete: open goals remain", Extra.none());
    }

    private static Outcome answer(JsonNode response) {
        return new Outcome.Answer(response);
    }

    /** What the real REPL does with a request it cannot read: an uncaught exception, exit status 1. */
    private Outcome uncaught(String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", message);
        return new Outcome.Exit(1, "", "uncaught exception: " + text.compact(error) + "\n");
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
