package dev.leanverify.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSONL list of Lean files with their reference statements, one {@code {"file": ..., "statement": ...}}
 * a line (a null or absent statement: none); files are relative to the JSONL's folder. Other fields
 * are kept (the cheat corpus's {@code expect} and {@code layer}). A malformed line is an error
 * naming the line, not a skipped proof.
 */
public final class StatementFile {
    /** One line: the file (resolved), its statement or null, and the whole line. */
    public record Entry(Path file, String statement, JsonNode line) {
        public Entry {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(line, "line");
        }

        /** A text field of the line, or null. */
        public String field(String name) {
            JsonNode v = line.get(name);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    private StatementFile() {
    }

    public static List<Entry> read(Path jsonl) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path folder = jsonl.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = jsonl + " line " + (i + 1);
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage());
            }
            JsonNode file = node.get("file");
            if (!node.isObject() || file == null || !file.isTextual() || file.asText().isBlank()) {
                throw new IllegalArgumentException(where + " needs a \"file\" string");
            }
            JsonNode statement = node.get("statement");
            if (statement != null && !statement.isNull() && !statement.isTextual()) {
                throw new IllegalArgumentException(where + ": \"statement\" must be a string or null");
            }
            entries.add(new Entry(folder.resolve(file.asText()).normalize(),
                    statement == null || statement.isNull() ? null : statement.asText(), node));
        }
        return entries;
    }
}
