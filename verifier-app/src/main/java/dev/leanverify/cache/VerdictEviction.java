package dev.leanverify.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one verdict store within its bounds: drops entries older than the age limit, then the
 * oldest until both the entry and the byte count are at most the bounds. Runs on the stream
 * thread (a punctuation), so between runs a store may hold what arrived since the last one.
 */
public final class VerdictEviction {
    private final long maxEntries;
    private final long maxBytes;
    private final long ttlMs;

    public VerdictEviction(long maxEntries, long maxBytes, long ttlMs) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.ttlMs = ttlMs;
    }

    /** What one pass found and did. */
    public record Pass(long entries, long bytes, long expired, long evicted) {
    }

    public Pass run(KeyValueStore<String, byte[]> store, long nowMs) {
        List<Entry> kept = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        long bytes = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long stored = kv.value.length >= Long.BYTES ? CachedVerdict.storedAtMs(kv.value) : Long.MIN_VALUE;
                if (nowMs - stored > ttlMs) {
                    drop.add(kv.key);
                } else {
                    int size = kv.key.length() + kv.value.length;
                    kept.add(new Entry(kv.key, stored, size));
                    bytes += size;
                }
            }
        }
        long expired = drop.size();
        long evicted = 0;
        if (kept.size() > maxEntries || bytes > maxBytes) {
            kept.sort(Comparator.comparingLong(Entry::storedAtMs));
            int i = 0;
            while (i < kept.size() && (kept.size() - i > maxEntries || bytes > maxBytes)) {
                drop.add(kept.get(i).key());
                bytes -= kept.get(i).size();
                i++;
                evicted++;
            }
            kept = kept.subList(i, kept.size());
        }
        for (String key : drop) {
            store.delete(key);
        }
        return new Pass(kept.size(), bytes, expired, evicted);
    }

    private record Entry(String key, long storedAtMs, int size) {
    }
}
