package dev.leanverify.stream;

import dev.leanverify.cache.CachedVerdict;
import dev.leanverify.cache.VerdictCache;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verdict cache's first step, before verify: a proof whose key is in the store (and not
 * expired) is answered from it, marked {@code verdictCache=hit}; any other goes on to Lean with
 * its key in a record header, for {@link VerdictStoreProcessor} to store Lean's verdict under.
 * {@code options.noCache} skips the lookup but still refreshes the entry.
 */
final class VerdictLookupProcessor implements FixedKeyProcessor<String, ProofRequest, Looked> {
    private static final Logger LOG = LoggerFactory.getLogger(VerdictLookupProcessor.class);

    private final VerdictCache cache;
    private final VerifyListener listener;
    private final String instanceId;
    private final Clock clock;
    private FixedKeyProcessorContext<String, Looked> context;
    private KeyValueStore<String, byte[]> store;

    VerdictLookupProcessor(VerdictCache cache, VerifyListener listener, String instanceId, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Looked> context) {
        this.context = context;
        this.store = context.getStateStore(VerdictCache.STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ProofRequest> record) {
        ProofRequest request = record.value();
        String key = cache.keys().keyOf(request);
        boolean noCache = request.getOptions() != null && request.getOptions().getNoCache();
        if (!noCache) {
            byte[] stored = store.get(key);
            CachedVerdict cached = stored == null ? null : readOrForget(key, stored);
            if (cached != null) {
                Verified hit = answer(cached, request, record);
                listener.verdictCacheHit(hit.result());
                context.forward(record.withValue(new Looked.Hit(hit)));
                return;
            }
            listener.verdictCacheMiss();
        }
        context.forward(record.withValue((Looked) new Looked.Miss(request))
                .withHeaders(RecordHeaders.put(RecordHeaders.copy(record.headers()), RecordHeaders.VERDICT_KEY, key)));
    }

    /** The stored verdict, or null (and the entry deleted) when it has expired or cannot be read. */
    private CachedVerdict readOrForget(String key, byte[] stored) {
        long now = clock.millis();
        try {
            if (now - CachedVerdict.storedAtMs(stored) > cache.settings().ttl().toMillis()) {
                store.delete(key);
                return null;
            }
            return CachedVerdict.fromBytes(stored);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            LOG.warn("dropping unreadable verdict cache entry {}: {}", key, e.getMessage());
            store.delete(key);
            return null;
        }
    }

    /** The cached result as this request's: its id, metadata and source; this delivery's times; the original's apart. */
    private Verified answer(CachedVerdict cached, ProofRequest request, FixedKeyRecord<String, ProofRequest> record) {
        long now = clock.millis();
        long queueMs = Math.max(0, now - record.timestamp());
        Map<String, String> metadata = request.getMetadata() == null ? new HashMap<>() : new HashMap<>(request.getMetadata());
        // the records were just read from the store: this delivery owns them and may set its fields
        VerificationResult result = cached.result();
        result.setOriginalCompletedAtMs(result.getCompletedAtMs());
        result.setOriginalReplId(result.getReplId());
        result.setOriginalLeanMs(result.getTiming().getLeanMs());
        result.setId(request.getId());
        result.setMetadata(metadata);
        result.setSource(RecordHeaders.get(record.headers(), RecordHeaders.SOURCE));
        result.setTiming(Timing.newBuilder().setQueueMs(queueMs).setHeaderLoadMs(null).setLeanMs(0)
                .setTotalMs(queueMs).build());
        result.setHeaderCacheHit(false);
        result.setReplId(null);
        result.setVerifierInstance(instanceId);
        result.setCompletedAtMs(now);
        result.setVerdictCache("hit");
        ProofTactics tactics = cached.tactics();
        if (tactics != null) {
            tactics.setId(request.getId());
            tactics.setMetadata(new HashMap<>(metadata));
        }
        return new Verified(result, tactics);
    }
}
