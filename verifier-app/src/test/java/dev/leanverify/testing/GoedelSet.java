package dev.leanverify.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.sim.SharedData;
import dev.leanverify.verify.ProofStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Goedel workbook proofs in ../shared/data with what the reference server answered on real
 * Lean. The recorded positions count lines from the first non-blank line after the imports
 * (checked against the text each message names), so the expected line in the submitted file is
 * the recorded line plus the number of lines before that first body line.
 */
public final class GoedelSet {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoedelSet() {
    }

    /** One expected message, in the coordinates of the whole file. */
    public record ExpectedMessage(String severity, int line, int column, Integer endLine, Integer endColumn,
                                  String data) {
    }

    /** One proof and its recorded verdict. */
    public record Proof(String name, Path file, String code, ProofStatus status, List<ExpectedMessage> messages,
                        double recordedSeconds) {
    }

    public static Path proofsDir() {
        return SharedData.requireDataDir().resolve("goedel-workbook/proofs");
    }

    public static List<Proof> load() {
        Path root = SharedData.requireDataDir().resolve("goedel-workbook");
        List<Proof> proofs = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("proofs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".lean")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".lean", "");
                Path recorded = root.resolve("recorded/" + name + ".json");
                if (!Files.exists(recorded)) {
                    continue;
                }
                proofs.add(proof(name, file, Files.readString(file, StandardCharsets.UTF_8),
                        MAPPER.readTree(recorded.toFile()).get("results").get(0)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return proofs;
    }

    private static Proof proof(String name, Path file, String code, JsonNode result) {
        JsonNode error = result.get("error");
        if (error != null && !error.isNull()) {
            ProofStatus status = error.asText().contains("timed out") ? ProofStatus.TIMEOUT : ProofStatus.INTERNAL_ERROR;
            return new Proof(name, file, code, status, List.of(), 0);
        }
        JsonNode response = result.get("response");
        int offset = linesBeforeFirstBodyLine(code);
        List<ExpectedMessage> messages = new ArrayList<>();
        boolean hasError = false;
        boolean hasSorry = false;
        JsonNode recorded = response.get("messages");
        if (recorded != null) {
            for (JsonNode m : recorded) {
                JsonNode end = m.get("endPos");
                messages.add(new ExpectedMessage(m.get("severity").asText(), m.get("pos").get("line").asInt() + offset,
                        m.get("pos").get("column").asInt(),
                        end == null || end.isNull() ? null : end.get("line").asInt() + offset,
                        end == null || end.isNull() ? null : end.get("column").asInt(), m.get("data").asText()));
                hasError |= m.get("severity").asText().equals("error");
                hasSorry |= m.get("data").asText().startsWith("declaration uses") && m.get("data").asText().contains("sorry");
            }
        }
        ProofStatus status = hasError ? ProofStatus.LEAN_ERROR : hasSorry ? ProofStatus.SORRY : ProofStatus.VERIFIED;
        return new Proof(name, file, code, status, messages, response.path("time").asDouble());
    }

    /** Lines before the first non-blank line that follows the import lines. */
    public static int linesBeforeFirstBodyLine(String code) {
        String[] lines = code.split("\n", -1);
        int i = 0;
        while (i < lines.length && (lines[i].isBlank() || lines[i].strip().startsWith("import "))) {
            i++;
        }
        return i;
    }
}
