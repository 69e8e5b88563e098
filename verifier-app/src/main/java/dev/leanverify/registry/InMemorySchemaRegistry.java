package dev.leanverify.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for the embedded mode and tests. It assigns ids from 1 as a
 * real registry does: one id per distinct schema text, shared by every subject it is registered
 * under, and a new version only when a subject meets a schema it does not have yet. It checks no
 * compatibility. Thread-safe; lookups by id take no lock.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final String name;
    private final Object lock = new Object();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new LinkedHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** An unnamed registry. */
    public InMemorySchemaRegistry() {
        this("in-memory");
    }

    /** A registry with a name for messages, such as its {@code mock://} URL. */
    public InMemorySchemaRegistry(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public int register(String subject, Schema schema) {
        SchemaRegistry.requireSubject(subject);
        String text = Objects.requireNonNull(schema, "schema").toString();
        synchronized (lock) {
            Integer id = idsByText.get(text);
            if (id == null) {
                id = idsByText.size() + 1;
                idsByText.put(text, id);
                // A copy parsed from the text: later changes to the caller's object cannot reach it.
                schemasById.put(id, new Schema.Parser().parse(text));
            }
            List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
            if (!versions.contains(id)) {
                versions.add(id);
            }
            return id;
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new UnknownSchemaException("schema id " + id + " is not known to the schema registry " + name);
        }
        return schema;
    }

    @Override
    public List<String> subjects() {
        synchronized (lock) {
            return List.copyOf(idsBySubject.keySet());
        }
    }

    @Override
    public List<Integer> versions(String subject) {
        return IntStream.rangeClosed(1, idsOf(subject).size()).boxed().toList();
    }

    @Override
    public Schema version(String subject, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1: " + version);
        }
        List<Integer> ids = idsOf(subject);
        if (version > ids.size()) {
            throw new UnknownSchemaException("version " + version + " of subject '" + subject
                    + "' is not known to the schema registry " + name + " (latest is " + ids.size() + ")");
        }
        return schemasById.get(ids.get(version - 1));
    }

    @Override
    public Schema latest(String subject) {
        List<Integer> ids = idsOf(subject);
        return schemasById.get(ids.get(ids.size() - 1));
    }

    private List<Integer> idsOf(String subject) {
        SchemaRegistry.requireSubject(subject);
        synchronized (lock) {
            List<Integer> ids = idsBySubject.get(subject);
            if (ids == null) {
                throw new UnknownSchemaException("subject '" + subject + "' is not known to the schema registry " + name);
            }
            return List.copyOf(ids);
        }
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry[" + name + "]";
    }
}
