package dev.leanverify.metrics;

/** Whether the instance can do its job, and if not, why. */
public record Health(boolean ready, String detail) {
}
