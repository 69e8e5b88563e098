package dev.leanverify.codec.input;

import java.util.Locale;

/** A record that is not a proof request in any accepted encoding; it goes to the dead-letter topic. */
public final class Undecodable extends Exception {
    private final Reason reason;

    public Undecodable(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why a record could not be decoded (the {@code leanverify.dlq.reason} header). */
    public enum Reason {
        NULL_VALUE, EMPTY_VALUE, UNKNOWN_ENCODING, NOT_UTF8, NOT_JSON, WRONG_SHAPE,
        AVRO_TOO_SHORT, AVRO_BAD_MAGIC_BYTE, AVRO_UNKNOWN_SCHEMA_ID, AVRO_INCOMPATIBLE_SCHEMA, AVRO_MALFORMED,
        AVRO_NO_REGISTRY, REGISTRY_UNAVAILABLE, DUPLICATE_ID;

        /** The header value: lower case with dashes. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
