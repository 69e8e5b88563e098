package dev.leanverify.repl.sandbox;

/** Whether REPL processes run inside the bubblewrap sandbox ({@code lean.sandbox}). */
public enum SandboxMode {
    /** Use the sandbox when bwrap works here; otherwise warn once and mark results {@code sandboxed: false}. */
    AUTO,
    /** Refuse to start without a working sandbox. */
    REQUIRED,
    /** Never sandbox (trusted input only). */
    OFF
}
