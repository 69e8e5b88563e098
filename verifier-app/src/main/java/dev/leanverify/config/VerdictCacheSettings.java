package dev.leanverify.config;

import java.time.Duration;
import java.util.Set;

/**
 * Typed settings of the verdict cache (keys {@code verdict.cache.*}): whether Lean's verdicts are
 * kept and reused for identical proofs, and the bounds of what is kept (entries, bytes, age), for
 * the whole instance (each partition's store gets its share).
 */
public record VerdictCacheSettings(boolean enabled, long maxEntries, long maxBytes, Duration ttl) {

    public static final Set<String> KEYS = Set.of("verdict.cache.enabled", "verdict.cache.max.entries",
            "verdict.cache.max.bytes", "verdict.cache.ttl.hours");

    public VerdictCacheSettings {
        if (maxEntries < 1 || maxBytes < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("verdict cache bounds must be positive");
        }
    }

    /** On, one million entries, 1 GiB, a week. */
    public static VerdictCacheSettings defaults() {
        return new VerdictCacheSettings(true, 1_000_000, 1L << 30, Duration.ofHours(24 * 7));
    }

    /** The cache switched off. */
    public static VerdictCacheSettings disabled() {
        return new VerdictCacheSettings(false, 1, 1, Duration.ofHours(1));
    }

    public static VerdictCacheSettings from(Settings s) {
        VerdictCacheSettings d = defaults();
        return new VerdictCacheSettings(s.bool("verdict.cache.enabled", d.enabled()),
                s.longValue("verdict.cache.max.entries", d.maxEntries(), 1, Long.MAX_VALUE / 2),
                s.longValue("verdict.cache.max.bytes", d.maxBytes(), 1 << 10, Long.MAX_VALUE / 2),
                Duration.ofHours(s.integer("verdict.cache.ttl.hours", (int) d.ttl().toHours(), 1, 24 * 3650)));
    }
}
