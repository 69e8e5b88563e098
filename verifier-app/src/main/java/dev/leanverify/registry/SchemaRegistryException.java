package dev.leanverify.registry;

/**
 * The schema registry answered with an error that retrying will not fix: the request was refused
 * (unauthorized, incompatible or invalid schema) or the answer was not one a registry gives. The
 * message names the request and the registry's explanation. Unavailability is the separate,
 * retriable {@link SchemaRegistryUnavailableException}.
 */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message) {
        this(message, 0, 0, null);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        this(message, 0, 0, cause);
    }

    /** An error answer: HTTP status and Confluent error code (0 when the answer had none). */
    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    private SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the answer, 0 when there was no HTTP answer (in-memory registry). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Confluent error code ({@code 40403}, {@code 409}...), 0 when the answer had none. */
    public int errorCode() {
        return errorCode;
    }
}
