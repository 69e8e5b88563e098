package dev.leanverify.repl;

/** A REPL process could not be started; the message names the command and the reason. */
public final class ReplStartException extends Exception {
    public ReplStartException(String message) {
        super(message);
    }

    public ReplStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
