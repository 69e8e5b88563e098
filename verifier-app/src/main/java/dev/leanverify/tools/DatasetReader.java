package dev.leanverify.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads proofs from a JSONL file (one JSON object per line; the id and code columns are
 * configurable, every other column becomes metadata), or from .lean files (a directory is read
 * recursively; the id is the path relative to it, without the extension).
 */
public final class DatasetReader {
    private final String idField;
    private final String codeField;
    private final ObjectMapper mapper = new ObjectMapper();

    public DatasetReader(String idField, String codeField) {
        this.idField = Objects.requireNonNull(idField, "idField");
        this.codeField = Objects.requireNonNull(codeField, "codeField");
    }

    /** Reads every path given (JSONL files, .lean files, directories of .lean files). */
    public Dataset read(List<Path> paths) {
        List<DatasetEntry> entries = new ArrayList<>();
        List<Dataset.Skipped> skipped = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                readDirectory(path, entries, skipped);
            } else if (!Files.exists(path)) {
                skipped.add(new Dataset.Skipped(path.toString(), "no such file or directory"));
            } else if (path.toString().endsWith(".lean")) {
                readLean(path, stripExtension(path.getFileName().toString()), entries, skipped);
            } else {
                readJsonl(path, entries, skipped);
            }
        }
        List<DatasetEntry> unique = new ArrayList<>();
        for (DatasetEntry e : entries) {
            if (ids.add(e.id())) {
                unique.add(e);
            } else {
                skipped.add(new Dataset.Skipped(e.origin(), "duplicate id '" + e.id() + "' (ids must be unique)"));
            }
        }
        return new Dataset(unique, skipped);
    }

    private void readDirectory(Path dir, List<DatasetEntry> entries, List<Dataset.Skipped> skipped) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".lean")).sorted().toList()) {
                readLean(file, stripExtension(dir.relativize(file).toString()), entries, skipped);
            }
        } catch (IOException e) {
            skipped.add(new Dataset.Skipped(dir.toString(), "cannot read directory: " + e.getMessage()));
        }
    }

    private static void readLean(Path file, String id, List<DatasetEntry> entries, List<Dataset.Skipped> skipped) {
        try {
            String code = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (code.isBlank()) {
                skipped.add(new Dataset.Skipped(file.toString(), "the file is empty"));
                return;
            }
            entries.add(new DatasetEntry(id, code, Map.of("file", file.toString()), file.toString()));
        } catch (IOException e) {
            skipped.add(new Dataset.Skipped(file.toString(), "cannot read: " + e.getMessage()));
        }
    }

    private void readJsonl(Path file, List<DatasetEntry> entries, List<Dataset.Skipped> skipped) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + number;
                try {
                    entries.add(entry(mapper.readTree(line), where));
                } catch (JsonProcessingException e) {
                    skipped.add(new Dataset.Skipped(where, "not JSON: " + e.getOriginalMessage()));
                } catch (IllegalArgumentException e) {
                    skipped.add(new Dataset.Skipped(where, e.getMessage()));
                }
            }
        } catch (CharacterCodingException e) {
            skipped.add(new Dataset.Skipped(file.toString(), "not UTF-8 text"));
        } catch (IOException e) {
            skipped.add(new Dataset.Skipped(file.toString(), "cannot read: " + e.getMessage()));
        }
    }

    private DatasetEntry entry(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode id = node.get(idField);
        JsonNode code = node.get(codeField);
        if (id == null || id.isNull() || (id.isTextual() && id.textValue().isBlank())) {
            throw new IllegalArgumentException("no '" + idField + "' field (set --id-field for another column)");
        }
        if (!id.isValueNode()) {
            throw new IllegalArgumentException("'" + idField + "' is not a string or number");
        }
        if (code == null || !code.isTextual() || code.textValue().isBlank()) {
            throw new IllegalArgumentException("no '" + codeField + "' text field (set --code-field for another column)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(idField) || f.getKey().equals(codeField) || f.getValue().isNull()) {
                continue;
            }
            metadata.put(f.getKey(), f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString());
        }
        return new DatasetEntry(id.asText(), code.textValue(), metadata, where);
    }

    private static String stripExtension(String name) {
        return name.endsWith(".lean") ? name.substring(0, name.length() - ".lean".length()) : name;
    }
}
