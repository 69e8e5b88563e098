package dev.leanverify.embedded;

/**
 * The embedded broker could not start: a port is taken, the data directory is unusable or
 * belongs to another cluster, or the broker did not accept connections in time. The message
 * says which, naming the port or directory.
 */
public final class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
