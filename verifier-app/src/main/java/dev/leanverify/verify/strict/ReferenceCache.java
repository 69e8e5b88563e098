package dev.leanverify.verify.strict;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * The elaborated reference statements of one thread, per (import header, statement): RL sends many
 * attempts at one problem, and the reference's type does not depend on the attempt. Size 0 keeps
 * nothing (every proof elaborates its reference). Owned by one thread, like its REPL pool.
 */
public final class ReferenceCache {
    /** The reference's elaborated type, or why it did not elaborate (a bad request, not a bad proof). */
    public record Reference(String type, String rejected) {
    }

    private record Key(String headerDigest, String statement) {
    }

    private final Cache<Key, Reference> cache;
    private long hits;
    private long misses;

    public ReferenceCache(int size) {
        this.cache = size == 0 ? null : Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
    }

    public Optional<Reference> get(String headerDigest, String statement) {
        Reference r = cache == null ? null : cache.getIfPresent(new Key(headerDigest, statement));
        if (r == null) {
            misses++;
        } else {
            hits++;
        }
        return Optional.ofNullable(r);
    }

    public void put(String headerDigest, String statement, Reference reference) {
        if (cache != null) {
            cache.put(new Key(headerDigest, statement), reference);
        }
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
