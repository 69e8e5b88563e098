package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanverify.repl.protocol.ReplRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gives the recorded answer of a session being followed, byte for byte, when it fits this
 * process: the ids it makes are the ones this process would make next, and a recorded "unknown"
 * refusal is one this process would also give. A fresh process fed a recorded session therefore
 * prints exactly what the real REPL printed; a process whose ids went another way gets
 * renumbered answers elsewhere instead of ids it has already handed out.
 */
final class VerbatimReplay {
    private final ReplState state;

    VerbatimReplay(ReplState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The recorded answer at the first of {@code places} that fits, with its ids now taken here. */
    Optional<Outcome> answer(ReplRequest request, List<Transcripts.Cursor> places, Transcripts transcripts) {
        for (Transcripts.Cursor at : places) {
            Transcripts.Exchange exchange = transcripts.at(at);
            if (fits(request, exchange.response())) {
                take(exchange.response());
                return Optional.of(new Outcome.Verbatim(exchange.rawResponse() + "\n"));
            }
        }
        return Optional.empty();
    }

    private boolean fits(ReplRequest request, JsonNode response) {
        String refusal = response.path("message").textValue();
        if (refusal != null) {
            return switch (refusal) {
                case "Unknown environment." -> !state.hasEnvironment(referencedEnvironment(request));
                case "Unknown proof state.", "Unknown proof State." ->
                        !state.hasProofState(referencedProofState(request));
                default -> true;
            };
        }
        boolean makesEnvironment = request instanceof ReplRequest.Command || request instanceof ReplRequest.File
                || request instanceof ReplRequest.UnpickleEnv;
        if (makesEnvironment && response.path("env").isInt()
                && response.get("env").intValue() != state.peekEnvironment()) {
            return false;
        }
        List<Integer> made = proofStates(response);
        return made.isEmpty() || made.stream().min(Integer::compare).orElseThrow() == state.peekProofState();
    }

    private void take(JsonNode response) {
        if (response.path("env").isInt()) {
            state.sawEnvironment(response.get("env").intValue());
        }
        proofStates(response).forEach(state::sawProofState);
    }

    /** The proof-state ids an answer hands out (every one in an answer is new). */
    private static List<Integer> proofStates(JsonNode response) {
        List<Integer> ids = new ArrayList<>();
        if (response.path("proofState").isInt()) {
            ids.add(response.get("proofState").intValue());
        }
        for (String list : List.of("sorries", "tactics")) {
            for (JsonNode item : response.path(list)) {
                if (item.path("proofState").isInt()) {
                    ids.add(item.get("proofState").intValue());
                }
            }
        }
        return ids;
    }

    private static int referencedEnvironment(ReplRequest request) {
        Integer env = null;
        if (request instanceof ReplRequest.Command c) {
            env = c.env();
        } else if (request instanceof ReplRequest.File f) {
            env = f.env();
        } else if (request instanceof ReplRequest.Pickle p) {
            env = p.env();
        } else if (request instanceof ReplRequest.UnpickleProofState u) {
            env = u.env();
        }
        return env == null ? -1 : env;
    }

    private static int referencedProofState(ReplRequest request) {
        Integer proofState = null;
        if (request instanceof ReplRequest.TacticStep t) {
            proofState = t.proofState();
        } else if (request instanceof ReplRequest.Pickle p) {
            proofState = p.proofState();
        }
        return proofState == null ? -1 : proofState;
    }
}
