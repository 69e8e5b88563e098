package dev.leanverify.registry;

/**
 * The schema registry could not answer: connection refused, timeout, HTTP 5xx, rate limited.
 * Retriable, and never the fault of the record being processed. The message names the registry
 * URL, the request and what went wrong.
 */
public final class SchemaRegistryUnavailableException extends RuntimeException {

    public SchemaRegistryUnavailableException(String message) {
        super(message);
    }

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
