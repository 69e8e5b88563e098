package dev.leanverify.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

/** The named schemas of one folder of .avsc files, parsed in whatever order their references need. */
final class SchemaSet {
    private final Map<String, Schema> byFullName;

    private SchemaSet(Map<String, Schema> byFullName) {
        this.byFullName = byFullName;
    }

    static SchemaSet load(Path dir) {
        List<Path> pending;
        try (Stream<Path> files = Files.list(dir)) {
            pending = new ArrayList<>(files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pending.isEmpty()) {
            throw new IllegalStateException("no .avsc files in " + dir);
        }
        Map<String, Schema> known = new HashMap<>();
        // Files reference each other by name; parse the ones whose references are known, repeat.
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Path file = it.next();
                Schema.Parser parser = new Schema.Parser();
                parser.addTypes(known.values());
                try {
                    Schema schema = parser.parse(Files.readString(file));
                    known.put(schema.getFullName(), schema);
                    it.remove();
                    progress = true;
                } catch (AvroRuntimeException unresolved) {
                    // a reference not parsed yet; retry on the next pass
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (!progress) {
                throw new IllegalStateException("cannot resolve the references of " + pending);
            }
        }
        return new SchemaSet(known);
    }

    Schema get(String fullName) {
        Schema schema = byFullName.get(fullName);
        if (schema == null) {
            throw new IllegalArgumentException("no schema named " + fullName + " among " + byFullName.keySet());
        }
        return schema;
    }

    java.util.Set<String> names() {
        return byFullName.keySet();
    }
}
