package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanverify.repl.protocol.Framing;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplProtocolException;
import dev.leanverify.repl.protocol.ReplRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Recorded sessions of the real REPL ({@code NAME.in} with {@code NAME.expected.out}), indexed so
 * the simulator can answer a request the way the real REPL once did: by following a recorded
 * session request by request, by an equal recorded request anywhere, or (for commands) by the
 * same Lean source and options in any environment. Sessions without a recorded output are left
 * out: there is nothing to answer from.
 */
final class Transcripts {
    private final List<String> names;
    private final List<List<Exchange>> sessions;
    private final Map<JsonNode, List<Cursor>> byRequest = new HashMap<>();
    private final Map<CommandKey, List<Cursor>> byCommand = new HashMap<>();

    /** One recorded request and the response printed for it (kept byte for byte). */
    record Exchange(JsonNode request, String rawResponse, JsonNode response) {
    }

    /** A place in the recordings: session number and request index (-1: before the first request). */
    record Cursor(int session, int index) {
    }

    /** What decides a command's answer apart from its environment: the source and the options. */
    record CommandKey(String cmd, boolean allTactics, boolean rootGoals, String infotree) {
        static CommandKey of(String cmd, Boolean allTactics, Boolean rootGoals, String infotree) {
            return new CommandKey(cmd, Boolean.TRUE.equals(allTactics), Boolean.TRUE.equals(rootGoals), infotree);
        }
    }

    private Transcripts(List<String> names, List<List<Exchange>> sessions, ReplJson json) {
        this.names = List.copyOf(names);
        this.sessions = List.copyOf(sessions);
        for (int s = 0; s < sessions.size(); s++) {
            List<Exchange> session = sessions.get(s);
            for (int i = 0; i < session.size(); i++) {
                Cursor at = new Cursor(s, i);
                JsonNode request = session.get(i).request();
                byRequest.computeIfAbsent(request, k -> new ArrayList<>()).add(at);
                try {
                    if (json.requestFromJson(request) instanceof ReplRequest.Command c) {
                        byCommand.computeIfAbsent(CommandKey.of(c.cmd(), c.allTactics(), c.rootGoals(), c.infotree()),
                                k -> new ArrayList<>()).add(at);
                    }
                } catch (ReplProtocolException e) {
                    // a recorded request of no known shape: it can still be matched as it is
                }
            }
        }
    }

    static Transcripts none() {
        return new Transcripts(List.of(), List.of(), new ReplJson());
    }

    /** Loads every {@code *.in} that has an {@code *.expected.out} under the given folders. */
    static Transcripts load(List<Path> roots, SimJson json) throws IOException {
        List<String> names = new ArrayList<>();
        List<List<Exchange>> sessions = new ArrayList<>();
        for (Path root : roots) {
            List<Path> inputs;
            try (Stream<Path> walk = Files.walk(root)) {
                inputs = walk.filter(p -> p.getFileName().toString().endsWith(".in")).sorted().toList();
            }
            for (Path in : inputs) {
                String base = in.getFileName().toString();
                Path out = in.resolveSibling(base.substring(0, base.length() - ".in".length()) + ".expected.out");
                if (Files.isRegularFile(out)) {
                    names.add(root.relativize(in).toString());
                    sessions.add(read(in, out, json));
                }
            }
        }
        return new Transcripts(names, sessions, new ReplJson());
    }

    private static List<Exchange> read(Path in, Path out, SimJson json) throws IOException {
        List<String> requests = Framing.splitRequests(Files.readString(in, StandardCharsets.UTF_8));
        List<String> responses = Framing.splitResponses(Files.readString(out, StandardCharsets.UTF_8));
        List<Exchange> exchanges = new ArrayList<>();
        // a session that ended early (a crash) answers only the requests it answered
        for (int i = 0; i < Math.min(requests.size(), responses.size()); i++) {
            exchanges.add(new Exchange(json.read(requests.get(i)), responses.get(i), json.read(responses.get(i))));
        }
        return exchanges;
    }

    /** Every session, before its first request: where a fresh process stands. */
    List<Cursor> starts() {
        List<Cursor> starts = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            starts.add(new Cursor(s, -1));
        }
        return starts;
    }

    /** The places right after {@code previous} whose recorded request equals {@code request}. */
    List<Cursor> continuing(Collection<Cursor> previous, JsonNode request) {
        List<Cursor> next = new ArrayList<>();
        for (Cursor c : previous) {
            List<Exchange> session = sessions.get(c.session());
            int i = c.index() + 1;
            if (i < session.size() && session.get(i).request().equals(request)) {
                next.add(new Cursor(c.session(), i));
            }
        }
        return next;
    }

    /** The places anywhere whose recorded request equals {@code request}. */
    List<Cursor> equalTo(JsonNode request) {
        return byRequest.getOrDefault(Objects.requireNonNull(request, "request"), List.of());
    }

    /** The recorded commands with this source and these options, in any environment. */
    List<Cursor> sameCommand(CommandKey key) {
        return byCommand.getOrDefault(key, List.of());
    }

    Exchange at(Cursor cursor) {
        return sessions.get(cursor.session()).get(cursor.index());
    }

    String name(Cursor cursor) {
        return names.get(cursor.session());
    }

    int sessionCount() {
        return sessions.size();
    }
}
