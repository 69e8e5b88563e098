package dev.leanverify.repl.protocol;

/** The REPL sent something that is not a response of its protocol. */
public final class ReplProtocolException extends Exception {
    public ReplProtocolException(String message) {
        super(message);
    }

    public ReplProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
