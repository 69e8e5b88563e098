package dev.leanverify.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A store is kept within its age, entry and byte bounds, oldest first; the value format round-trips. */
@Tag("unit")
class VerdictEvictionTest {

    private static KeyValueStore<String, byte[]> store() {
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("t"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new org.apache.kafka.streams.processor.api.MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static byte[] verdict(long storedAt) {
        VerificationResult r = VerificationResult.newBuilder().setId("x").setStatus(VerificationStatus.VERIFIED)
                .setMessages(java.util.List.of()).setSorries(java.util.List.of()).setMetadata(java.util.Map.of())
                .setTiming(Timing.newBuilder().setQueueMs(0).setLeanMs(1234).setTotalMs(0).build()).build();
        return CachedVerdict.of(r, null, storedAt).toBytes();
    }

    @Test
    void dropsExpiredThenOldestBeyondTheEntryBound() {
        KeyValueStore<String, byte[]> store = store();
        for (int i = 0; i < 10; i++) {
            store.put("k" + i, verdict(1000 + i));
        }
        VerdictEviction.Pass pass = new VerdictEviction(5, Long.MAX_VALUE, 100).run(store, 1102);

        assertThat(pass.expired()).isEqualTo(2); // k0, k1: older than 100 ms
        assertThat(pass.evicted()).isEqualTo(3); // k2..k4
        assertThat(pass.entries()).isEqualTo(5);
        assertThat(store.get("k4")).isNull();
        assertThat(store.get("k5")).isNotNull();
        assertThat(store.approximateNumEntries()).isEqualTo(5);
    }

    @Test
    void keepsTheByteBound() {
        KeyValueStore<String, byte[]> store = store();
        int size = "k0".length() + verdict(0).length;
        for (int i = 0; i < 10; i++) {
            store.put("k" + i, verdict(i));
        }
        VerdictEviction.Pass pass = new VerdictEviction(100, 3L * size, Long.MAX_VALUE).run(store, 10);

        assertThat(pass.entries()).isEqualTo(3);
        assertThat(pass.bytes()).isLessThanOrEqualTo(3L * size);
        assertThat(store.get("k9")).isNotNull();
        assertThat(store.get("k6")).isNull();
    }

    @Test
    void aStoredVerdictReadsBackWithoutItsDeliveryFields() {
        VerificationResult r = VerificationResult.newBuilder().setId("x").setStatus(VerificationStatus.SORRY)
                .setMetadata(java.util.Map.of("run", "r1")).setSource("p-0@3")
                .setMessages(java.util.List.of()).setSorries(java.util.List.of())
                .setTiming(Timing.newBuilder().setQueueMs(0).setLeanMs(77).setTotalMs(0).build()).build();
        CachedVerdict back = CachedVerdict.fromBytes(CachedVerdict.of(r, null, 42).toBytes());

        assertThat(back.storedAtMs()).isEqualTo(42);
        assertThat(back.result().getStatus()).isEqualTo(VerificationStatus.SORRY);
        assertThat(back.result().getTiming().getLeanMs()).isEqualTo(77);
        assertThat(back.result().getMetadata()).isEmpty();
        assertThat(back.result().getSource()).isNull();
        assertThat(back.tactics()).isNull();
    }
}
