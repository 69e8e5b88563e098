package dev.leanverify.stream;

import dev.leanverify.cache.CachedVerdict;
import dev.leanverify.cache.VerdictCache;
import dev.leanverify.cache.VerdictEviction;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The verdict cache's second step, after verify: stores Lean's own verdict (VERIFIED, SORRY,
 * LEAN_ERROR, UNSOUND — never a timeout, crash, limit or internal error) under the key the lookup
 * put in the record's headers, marks the result {@code verdictCache=miss}, and removes the header.
 * The store write is part of the same transaction as the result, so a crash loses neither alone.
 * Every {@code evictEvery} it keeps the store within its share of the bounds.
 */
final class VerdictStoreProcessor implements FixedKeyProcessor<String, Verified, Verified> {
    private final VerdictCache cache;
    private final VerifyListener listener;
    private final Clock clock;
    private FixedKeyProcessorContext<String, Verified> context;
    private KeyValueStore<String, byte[]> store;

    VerdictStoreProcessor(VerdictCache cache, VerifyListener listener, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Verified> context) {
        this.context = context;
        this.store = context.getStateStore(VerdictCache.STORE);
        VerdictEviction eviction = new VerdictEviction(cache.entriesPerStore(), cache.bytesPerStore(),
                cache.settings().ttl().toMillis());
        context.schedule(cache.evictEvery(), PunctuationType.WALL_CLOCK_TIME, now -> {
            VerdictEviction.Pass pass = eviction.run(store, clock.millis());
            if (pass.expired() + pass.evicted() > 0) {
                listener.verdictCacheEvicted(pass.expired(), pass.evicted());
            }
        });
    }

    @Override
    public void process(FixedKeyRecord<String, Verified> record) {
        String key = RecordHeaders.get(record.headers(), RecordHeaders.VERDICT_KEY);
        if (key == null) {
            context.forward(record);
            return;
        }
        var headers = RecordHeaders.copy(record.headers());
        headers.remove(RecordHeaders.VERDICT_KEY);
        Verified verified = record.value();
        if (!CachedVerdict.cacheable(verified.result())) {
            context.forward(record.withHeaders(headers));
            return;
        }
        byte[] bytes = CachedVerdict.of(verified.result(), verified.tactics(), clock.millis()).toBytes();
        store.put(key, bytes);
        listener.verdictCacheStored(bytes.length);
        verified.result().setVerdictCache("miss"); // a fresh record, made for this proof by the verify step
        context.forward(record.withValue(verified).withHeaders(headers));
    }
}
