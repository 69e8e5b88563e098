package dev.leanverify.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A schema registry: Avro schemas under subjects, each distinct schema with a global id. Records
 * in the Confluent wire format carry only that id, so readers need a registry to decode them.
 *
 * <p>Implementations: {@link RestSchemaRegistry} (a Confluent-compatible registry over HTTP) and
 * {@link InMemorySchemaRegistry} (embedded mode and tests); {@link SchemaRegistries} picks one from
 * a URL. Every method may throw {@link SchemaRegistryUnavailableException} (retriable: the
 * registry could not be reached) or {@link SchemaRegistryException} (the registry refused).
 */
public interface SchemaRegistry {

    /**
     * Registers a schema under a subject and returns its id. Idempotent: the same schema under the
     * same subject always gets the same id.
     *
     * @throws SchemaRegistryException if the registry refuses it (for example as incompatible)
     */
    int register(String subject, Schema schema);

    /**
     * The schema with this id. Ids are immutable, so implementations may cache the answer.
     *
     * @throws UnknownSchemaException if no schema has this id: permanent, the fault of whoever
     *     wrote the id
     */
    Schema schemaById(int id);

    /** Every subject with at least one schema. */
    List<String> subjects();

    /**
     * The version numbers of a subject, oldest first.
     *
     * @throws UnknownSchemaException if the subject has no schema
     */
    List<Integer> versions(String subject);

    /**
     * The schema registered under a subject as the given version (1 for the first).
     *
     * @throws UnknownSchemaException if the subject or the version does not exist
     */
    Schema version(String subject, int version);

    /**
     * The newest schema of a subject.
     *
     * @throws UnknownSchemaException if the subject has no schema
     */
    Schema latest(String subject);

    /** Checks a subject name given to any registry: not null, not blank. */
    static void requireSubject(String subject) {
        java.util.Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }
}
