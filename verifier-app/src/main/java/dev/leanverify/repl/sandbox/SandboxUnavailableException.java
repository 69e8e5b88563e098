package dev.leanverify.repl.sandbox;

/** {@code lean.sandbox=required} but bubblewrap is missing or does not work here. */
public final class SandboxUnavailableException extends IllegalStateException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
