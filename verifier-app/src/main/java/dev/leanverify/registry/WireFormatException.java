package dev.leanverify.registry;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Bytes that cannot be decoded as a record in the Confluent wire format, and exactly why: the
 * fault lies with the record, so it belongs in a dead-letter queue and retrying will not help.
 * (An unreachable registry is {@link SchemaRegistryUnavailableException} instead.)
 */
public final class WireFormatException extends RuntimeException {

    /** Why the bytes cannot be decoded. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** Fewer bytes than the five-byte header. */
        TOO_SHORT,
        /** The first byte is not the wire format's magic byte 0. */
        BAD_MAGIC_BYTE,
        /** The registry knows no schema with the header's id. */
        UNKNOWN_SCHEMA_ID,
        /** The header's id names a schema that is not Avro (PROTOBUF, JSON). */
        NOT_AVRO_SCHEMA,
        /** The writer's schema cannot be read as the reader's: Avro's explanation is in the message. */
        INCOMPATIBLE_SCHEMA,
        /** The Avro body is truncated, has bytes left over, or is not valid for the writer's schema. */
        MALFORMED_AVRO
    }

    private final Reason reason;
    private final int schemaId;
    private final boolean hasSchemaId;

    /** A failure found before a schema id could be read. */
    public WireFormatException(Reason reason, String detail) {
        this(reason, detail, 0, false, null);
    }

    /** A failure of the record with this schema id. */
    public WireFormatException(Reason reason, int schemaId, String detail, Throwable cause) {
        this(reason, detail, schemaId, true, cause);
    }

    private WireFormatException(Reason reason, String detail, int schemaId, boolean hasSchemaId, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.reason = reason;
        this.schemaId = schemaId;
        this.hasSchemaId = hasSchemaId;
    }

    public Reason reason() {
        return reason;
    }

    /** The schema id from the header, when the bytes got that far. */
    public OptionalInt schemaId() {
        return hasSchemaId ? OptionalInt.of(schemaId) : OptionalInt.empty();
    }
}
