package dev.leanverify.registry;

import java.util.Objects;

/**
 * The registry holds the schema, but it is not an Avro schema (a registry may also hold
 * PROTOBUF and JSON schemas). For an id read from a record this is permanent and the record's
 * fault: it was written in another format.
 */
public final class NotAvroSchemaException extends SchemaRegistryException {
    private final String schemaType;

    public NotAvroSchemaException(String message, String schemaType) {
        super(message);
        this.schemaType = Objects.requireNonNull(schemaType, "schemaType");
    }

    /** The schema type the registry named, such as {@code PROTOBUF}. */
    public String schemaType() {
        return schemaType;
    }
}
