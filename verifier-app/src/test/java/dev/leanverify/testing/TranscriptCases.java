package dev.leanverify.testing;

import dev.leanverify.sim.SharedData;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.protocol.Framing;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplProtocolException;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.StatusRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole proofs drawn from the real REPL's recorded transcripts: a first command that stands on
 * its own (no env), or an import-only command followed by a command in its environment (the
 * header and body of one submission). Each comes with Lean's recorded verdict and messages, in
 * the coordinates of the combined submission.
 */
public final class TranscriptCases {
    private TranscriptCases() {
    }

    /** One case. */
    public record Case(String name, String code, boolean allTactics, String infotree, ProofStatus status,
                       List<Message> messages) {
    }

    public static List<Case> load() {
        Path root = SharedData.requireDataDir().resolve("lean-repl-transcripts");
        ReplJson json = new ReplJson();
        HeaderSplitter splitter = new HeaderSplitter(false);
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path in : files.filter(f -> f.toString().endsWith(".in")).sorted().toList()) {
                Path out = Path.of(in.toString().replace(".in", ".expected.out"));
                if (!Files.exists(out)) {
                    continue;
                }
                List<String> requests = Framing.splitRequests(Files.readString(in));
                List<String> responses = Framing.splitResponses(Files.readString(out));
                if (requests.isEmpty() || responses.size() != requests.size()) {
                    continue;
                }
                String name = root.relativize(in).toString().replace(".in", "");
                Case c = caseOf(name, json, splitter, requests, responses);
                if (c != null) {
                    cases.add(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReplProtocolException e) {
            throw new IllegalStateException(e);
        }
        return cases;
    }

    private static Case caseOf(String name, ReplJson json, HeaderSplitter splitter, List<String> requests,
                               List<String> responses) throws ReplProtocolException {
        if (!(json.parseRequest(requests.get(0)) instanceof ReplRequest.Command first) || first.env() != null
                || first.rootGoals() != null) {
            return null;
        }
        boolean importOnly = !first.cmd().isBlank() && first.cmd().lines().allMatch(l -> l.startsWith("import "));
        if (!importOnly) {
            if (first.cmd().contains("import ")) {
                return null;
            }
            return make(name, first.cmd(), first, json.parseResponse(responses.get(0)), 0, splitter);
        }
        if (requests.size() < 2 || !(json.parseRequest(requests.get(1)) instanceof ReplRequest.Command body)
                || !Integer.valueOf(0).equals(body.env()) || body.rootGoals() != null) {
            return null;
        }
        String code = first.cmd() + "\n" + body.cmd();
        return make(name, code, body, json.parseResponse(responses.get(1)), (int) first.cmd().lines().count(), splitter);
    }

    private static Case make(String name, String code, ReplRequest.Command request, ReplResponse response, int shift,
                             HeaderSplitter splitter) {
        if (!(response instanceof ReplResponse.Command command) || splitter.split(code).body().isBlank()) {
            return null;
        }
        List<Message> messages = command.messagesOrEmpty().stream().map(m -> m.shiftLines(shift)).toList();
        return new Case(name, code, Boolean.TRUE.equals(request.allTactics()), request.infotree(),
                StatusRules.ofCommand(command), messages);
    }
}
