package dev.leanverify.metrics;

/**
 * Whether the instance can do its job, and if not, why; and whether its REPLs run in the sandbox
 * (an unsandboxed instance is ready but says so).
 */
public record Health(boolean ready, String detail, boolean sandboxed) {
    public Health(boolean ready, String detail) {
        this(ready, detail, false);
    }
}
