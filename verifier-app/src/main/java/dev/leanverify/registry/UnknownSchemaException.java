package dev.leanverify.registry;

/**
 * The registry has no such schema id, subject or version. For a schema id read from a record
 * this is permanent and the record's fault: retrying will not make the id known.
 */
public final class UnknownSchemaException extends SchemaRegistryException {

    public UnknownSchemaException(String message) {
        super(message);
    }

    /** A not-found answer of a REST registry, with its HTTP status and error code (404xx). */
    public UnknownSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
