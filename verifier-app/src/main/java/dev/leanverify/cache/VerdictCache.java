package dev.leanverify.cache;

import dev.leanverify.config.VerdictCacheSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to run the verdict cache: its settings, how to key a proof, and over
 * how many partitions (stores) the instance-wide bounds are shared.
 *
 * @param storePartitions partitions of the store (the proofs topic's): each store keeps its share of the bounds
 * @param evictEvery      how often each store drops expired entries and enforces its bounds
 */
public record VerdictCache(VerdictCacheSettings settings, VerdictKeys keys, int storePartitions, Duration evictEvery) {
    public static final String STORE = "verdict-cache";

    public VerdictCache {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(evictEvery, "evictEvery");
        if (settings.enabled()) {
            Objects.requireNonNull(keys, "keys");
        }
        if (storePartitions < 1) {
            throw new IllegalArgumentException("store partitions must be positive");
        }
    }

    public VerdictCache(VerdictCacheSettings settings, VerdictKeys keys, int storePartitions) {
        this(settings, keys, storePartitions, Duration.ofMinutes(1));
    }

    public static VerdictCache disabled() {
        return new VerdictCache(VerdictCacheSettings.disabled(), null, 1);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** One store's share of max.entries (at least 1). */
    public long entriesPerStore() {
        return Math.max(1, settings.maxEntries() / storePartitions);
    }

    /** One store's share of max.bytes. */
    public long bytesPerStore() {
        return Math.max(1, settings.maxBytes() / storePartitions);
    }
}
