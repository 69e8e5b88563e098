package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplProtocolException;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers commands and files that are not part of a recorded session being followed: from a
 * recorded Goedel workbook proof (recorded messages, scaled recorded cost), else from a recorded
 * request or the same recorded command in another environment (renumbered), else by
 * {@link RuleAnswers}; with the command's directives carried out first. Also charges import
 * headers their load time and memory.
 */
final class CommandAnswers {
    private final ReplJson json;
    private final ReplState state;
    private final SessionTrail trail;
    private final SimulatedReplCommand settings;
    private final WorkCost cost;
    private final ResourceHog memory;
    private final DirectiveRunner directives;

    CommandAnswers(ReplJson json, ReplState state, SessionTrail trail, SimulatedReplCommand settings, WorkCost cost,
                   ResourceHog memory, DirectiveRunner directives) {
        this.json = Objects.requireNonNull(json, "json");
        this.state = Objects.requireNonNull(state, "state");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cost = Objects.requireNonNull(cost, "cost");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.directives = Objects.requireNonNull(directives, "directives");
    }

    /** Charges a header's load time and memory, once per distinct header in this process. */
    void loadHeader(LeanSource source) throws InterruptedException {
        ImportHeader header = ImportHeader.of(source);
        if (header.isEmpty() || !state.firstLoadOf(header.key())) {
            return;
        }
        cost.spend(Duration.ofMillis(settings.headerLoadMs()));
        memory.hold(settings.headerMemoryMb());
    }

    /**
     * Answers a command.
     *
     * @param request as sent, to find an equal recorded request; null for a file's contents
     */
    Outcome command(ReplRequest.Command c, JsonNode request, Recordings rec) throws IOException, InterruptedException {
        if (c.env() != null && !state.hasEnvironment(c.env())) {
            return Outcome.error("Unknown environment.");
        }
        ScriptedSource script = ScriptedSource.of(c.cmd());
        if (c.env() == null) {
            loadHeader(script.source());
        }
        List<Message> notes = new ArrayList<>();
        Optional<Outcome> ended = directives.perform(script, notes);
        if (ended.isPresent()) {
            return ended.get();
        }
        Elaboration elaboration;
        Optional<Workbook.Match> proof = rec.workbook().match(script.clean());
        if (proof.isPresent()) {
            Workbook.Recording recording = proof.get().proof().recording();
            if (recording.timedOut()) {
                cost.forever();
            }
            if (recording.error() != null) {
                return Outcome.error("Lean error:\n" + recording.error());
            }
            if (!script.has(Directive.Kind.COST)) {
                cost.spend(Duration.ofNanos((long) (recording.seconds() * settings.timeScale() * 1e9)));
            }
            elaboration = workbookAnswer(proof.get(), script, c.allTactics(), c.infotree());
        } else {
            Optional<ReplResponse> recorded = recordedCommand(script, request, c, rec);
            if (recorded.isPresent() && !(recorded.get() instanceof ReplResponse.Command)) {
                return new Outcome.Answer(json.toJson(recorded.get()));
            }
            elaboration = recorded.isPresent()
                    ? Renumbering.command((ReplResponse.Command) recorded.get(), state::newProofState,
                            script::originalLine)
                    : RuleAnswers.answer(script.source(), Boolean.TRUE.equals(c.allTactics()), c.infotree(),
                            state::newProofState);
        }
        DeclarationRules.Result declared = DeclarationRules.run(script.source(), state.declarations(c.env()));
        int env = state.newEnvironment();
        state.rememberDeclarations(env, declared.env());
        return DirectiveRunner.deliver(script, json.toJson(elaboration.plusMessages(notes)
                .plusMessagesInOrder(declared.messages()).toResponse(env)));
    }

    private Elaboration workbookAnswer(Workbook.Match match, ScriptedSource script, Boolean allTactics,
                                       String infotree) {
        List<Message> messages = new ArrayList<>();
        for (Message m : match.proof().recording().messages()) {
            Optional<Pos> pos = match.toBody(m.pos());
            if (pos.isEmpty()) {
                continue; // it is about the header, which the client sent as a command of its own
            }
            Pos end = m.endPos() == null ? null : match.toBody(m.endPos()).orElse(null);
            messages.add(new Message(m.severity(), original(script, pos.get()), original(script, end), m.data(),
                    m.extra()));
        }
        Elaboration shape = Boolean.TRUE.equals(allTactics) || infotree != null
                ? RuleAnswers.answer(script.source(), Boolean.TRUE.equals(allTactics), infotree, state::newProofState)
                : Elaboration.empty();
        return new Elaboration(messages, List.of(), shape.tactics(), shape.infotree());
    }

    private static Pos original(ScriptedSource script, Pos clean) {
        return clean == null || clean.line() == 0 ? clean : new Pos(script.originalLine(clean.line()), clean.column());
    }

    /** A recorded answer to the same request, or to the same command in another environment. */
    private Optional<ReplResponse> recordedCommand(ScriptedSource script, JsonNode request, ReplRequest.Command c,
                                                   Recordings rec) {
        Transcripts transcripts = rec.transcripts();
        List<Transcripts.Cursor> found = request != null && script.directives().isEmpty()
                && script.problems().isEmpty() ? trail.recordedAt(transcripts, request) : List.of();
        if (found.isEmpty()) {
            found = transcripts.sameCommand(
                    Transcripts.CommandKey.of(script.clean(), c.allTactics(), c.rootGoals(), c.infotree()));
        }
        for (Transcripts.Cursor at : found) {
            JsonNode response = transcripts.at(at).response();
            if ("Unknown environment.".equals(response.path("message").textValue())) {
                continue; // recorded in a session that lacked the environment; this one has it
            }
            try {
                ReplResponse parsed = json.responseFromJson(response);
                trail.foundAt(found);
                return Optional.of(parsed);
            } catch (ReplProtocolException e) {
                continue; // not an answer this simulator can renumber: try the next recording
            }
        }
        return Optional.empty();
    }

    /** Answers a file request: from an equal recorded request, else as a command of the file's text. */
    Outcome file(ReplRequest.File f, JsonNode request, Recordings rec) throws IOException, InterruptedException {
        if (f.env() != null && !state.hasEnvironment(f.env())) {
            return Outcome.error("Unknown environment.");
        }
        List<Transcripts.Cursor> places = trail.recordedAt(rec.transcripts(), request);
        for (Transcripts.Cursor at : places) {
            JsonNode response = rec.transcripts().at(at).response();
            if (response.has("env")) {
                try {
                    ReplResponse.Command recorded = (ReplResponse.Command) json.responseFromJson(response);
                    trail.foundAt(places);
                    return new Outcome.Answer(json.toJson(Renumbering.command(recorded, state::newProofState,
                            line -> line).toResponse(state.newEnvironment())));
                } catch (ReplProtocolException e) {
                    break;
                }
            }
        }
        String source;
        try {
            source = Files.readString(Path.of(f.path()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Outcome.error("no such file or directory (error code: 2)\n  file: " + f.path());
        }
        return command(new ReplRequest.Command(source, f.env(), f.allTactics(), f.rootGoals(), f.infotree(),
                Extra.none()), null, rec);
    }
}
