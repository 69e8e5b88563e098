package dev.leanverify.client;

/**
 * Something a command or client needs from outside is not there: Kafka or the schema registry
 * does not answer, or a topic does not exist. The message is one sentence for a person: what
 * was tried, what happened, and what to do about it.
 */
public final class UnreachableException extends RuntimeException {
    public UnreachableException(String message) {
        super(message);
    }

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
