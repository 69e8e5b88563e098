package dev.leanverify.tools;

import java.util.Map;
import java.util.Objects;

/** One proof read from a dataset: its id, its Lean source and the rest of its fields as metadata. */
public record DatasetEntry(String id, String code, Map<String, String> metadata, String origin) {
    public DatasetEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(origin, "origin");
    }
}
