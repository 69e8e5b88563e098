package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.repl.protocol.ReplProtocolException;
import dev.leanverify.repl.protocol.ReplResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Goedel / Lean Workbook proofs ({@code proofs/NAME.lean}) with what a server running real Lean
 * answered for them ({@code recorded/NAME.json}): the simulator answers a command whose text is
 * the tail of one of these files with the recorded messages and cost.
 *
 * <p>Where the recorded positions point: although the data's README says they are in whole-file
 * coordinates, every recorded position that names its text ("unused variable `h`", "'ring' tactic
 * does nothing") points at that text only when line 1 is taken to be the first non-blank line after
 * the file's {@code import} lines (line 4 of the usual {@code import Mathlib / import Aesop / blank}
 * files): the recording server sent the body with the imports and the blank lines after them
 * stripped and did not shift what Lean answered. That line is {@link Proof#originLine}; positions
 * are converted from it to the coordinates of whatever body the client sent.
 */
final class Workbook {
    private final List<Proof> proofs;

    /**
     * A proof file and its recording.
     *
     * @param originLine the 1-based file line that line 1 of the recorded positions stands for
     * @param firstDeclaration offset of the first declaration keyword: a matched body must include it
     */
    record Proof(String name, String source, int originLine, int firstDeclaration, Recording recording) {
    }

    /**
     * What the recording server answered.
     *
     * @param messages Lean's messages, positions counted from {@link Proof#originLine}
     * @param seconds the time the server measured for the body
     * @param error the server's failure, e.g. a timeout; null when Lean answered
     */
    record Recording(List<Message> messages, double seconds, String error) {
        Recording {
            messages = List.copyOf(messages);
        }

        /** The proof never finished on the recording server: the simulator never finishes either. */
        boolean timedOut() {
            return error != null && error.toLowerCase(Locale.ROOT).contains("timed out");
        }
    }

    /**
     * Where a submitted body sits in a proof file. Its non-blank text starts at file line
     * {@code fileLine}, column {@code fileColumn}, which is body line {@code bodyLine}, column
     * {@code bodyColumn}.
     */
    record Match(Proof proof, int fileLine, int fileColumn, int bodyLine, int bodyColumn) {

        /** A recorded position in the body's coordinates; empty if it lies before the body (in the header). */
        Optional<Pos> toBody(Pos recorded) {
            if (recorded == null || recorded.line() == 0) {
                return Optional.ofNullable(recorded); // line 0: Lean's "no position", nothing to move
            }
            int line = recorded.line() + proof.originLine() - 1;
            if (line < fileLine || (line == fileLine && recorded.column() < fileColumn)) {
                return Optional.empty();
            }
            int column = line == fileLine ? recorded.column() - fileColumn + bodyColumn : recorded.column();
            return Optional.of(new Pos(line - fileLine + bodyLine, column));
        }
    }

    private Workbook(List<Proof> proofs) {
        this.proofs = List.copyOf(proofs);
    }

    static Workbook none() {
        return new Workbook(List.of());
    }

    /** Loads {@code proofs/*.lean} that have a {@code recorded/*.json} beside them. */
    static Workbook load(List<Path> roots, SimJson reader) throws IOException {
        ReplJson json = new ReplJson();
        List<Proof> proofs = new ArrayList<>();
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> list = Files.list(root.resolve("proofs"))) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".lean")).sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.lean$", "");
                Path recorded = root.resolve("recorded").resolve(name + ".json");
                if (Files.isRegularFile(recorded)) {
                    String source = Files.readString(file, StandardCharsets.UTF_8);
                    proofs.add(new Proof(name, source, originLine(source), firstDeclaration(source),
                            recording(reader.read(Files.readString(recorded, StandardCharsets.UTF_8)), json, recorded)));
                }
            }
        }
        return new Workbook(proofs);
    }

    /**
     * The proof whose text ends with {@code body} (both trimmed), where the body holds every
     * declaration of the file, so that whatever header the client split off, the rest is found.
     */
    Optional<Match> match(String body) {
        String wanted = body.strip();
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        for (Proof proof : proofs) {
            String text = proof.source().stripTrailing();
            if (!text.endsWith(wanted)) {
                continue;
            }
            int start = text.length() - wanted.length();
            if (start > proof.firstDeclaration() || (start > 0 && !Character.isWhitespace(text.charAt(start - 1)))) {
                continue;
            }
            LeanSource file = LeanSource.of(proof.source());
            LeanSource sent = LeanSource.of(body);
            Pos inFile = file.pos(start);
            Pos inBody = sent.pos(body.length() - body.stripLeading().length());
            return Optional.of(new Match(proof, inFile.line(), inFile.column(), inBody.line(), inBody.column()));
        }
        return Optional.empty();
    }

    int size() {
        return proofs.size();
    }

    static int originLine(String source) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("import ")) {
                return i + 1;
            }
        }
        return 1;
    }

    private static int firstDeclaration(String source) {
        List<RuleAnswers.Declaration> declarations = RuleAnswers.declarations(LeanSource.of(source));
        return declarations.isEmpty() ? source.length() : declarations.get(0).start();
    }

    private static Recording recording(JsonNode root, ReplJson json, Path file) throws IOException {
        JsonNode result = root.path("results").path(0);
        if (!result.isObject()) {
            throw new IOException(file + ": no results[0]");
        }
        String error = result.path("error").isTextual() ? result.path("error").textValue() : null;
        JsonNode response = result.path("response");
        if (!response.isObject()) {
            return new Recording(List.of(), 0, Objects.requireNonNullElse(error, "no response recorded"));
        }
        List<Message> messages = List.of();
        if (response.has("messages")) {
            // read the messages with the protocol codec: wrap them in a command response
            ObjectNode wrapped = ((ObjectNode) response).deepCopy();
            wrapped.retain("messages");
            wrapped.put("env", 0);
            try {
                messages = ((ReplResponse.Command) json.responseFromJson(wrapped)).messagesOrEmpty();
            } catch (ReplProtocolException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return new Recording(messages, response.path("time").asDouble(0), error);
    }
}
