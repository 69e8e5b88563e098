package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.testing.FakeVerifier;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ThreadSlots;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verify step with real Lean slots (threads) and a fake verifier: results come back through the
 * wall-clock punctuation, and the in-flight store holds every proof between taking and answering it.
 */
@Tag("unit")
class DispatchProcessorTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final FakeVerifier verifier = new FakeVerifier(job -> {
        started.add(job.id());
        try {
            release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FakeVerifier.report(job, ProofStatus.VERIFIED, null);
    });
    private final ThreadSlots slots = new ThreadSlots(verifier, new ThreadSlots.Settings(2, 4), Clock.systemUTC());
    private final MockProcessorContext<String, Verified> context = new MockProcessorContext<>();
    private final KeyValueStore<String, InFlight> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(DispatchProcessor.STORE), org.apache.kafka.common.serialization.Serdes.String(),
            new InFlightSerde()).withLoggingDisabled().build();
    private final DispatchProcessor processor = new DispatchProcessor(slots, new HeaderSplitter(false),
            new ResultMapper(new StreamSettings.ResultLimits(1 << 20, 100, 1000), "test-instance", new ObjectMapper()),
            VerifyListener.none(), FakeVerifier.LEAN_VERSION, Clock.systemUTC(), Duration.ofMillis(5));

    DispatchProcessorTest() {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @AfterEach
    void close() {
        release.countDown();
        slots.close(5_000);
    }

    private static ProofRequest request(String id) {
        return ProofRequest.newBuilder().setId(id).setCode("theorem t : True := trivial").build();
    }

    private void process(String id, long offset) {
        context.setRecordMetadata("proofs-by-header", 0, offset);
        processor.process(new Record<>(id, request(id), 1_000L, new RecordHeaders()));
    }

    private long storeSize() {
        return store.approximateNumEntries();
    }

    /** Runs the drain punctuation (as the stream thread would) until {@code count} results were forwarded. */
    private List<MockProcessorContext.CapturedForward<? extends String, ? extends Verified>> awaitForwarded(int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (context.forwarded().size() < count) {
            assertThat(System.nanoTime()).as(count + " results within the deadline").isLessThan(deadline);
            context.scheduledPunctuators().stream().filter(p -> !p.cancelled())
                    .forEach(p -> p.getPunctuator().punctuate(System.currentTimeMillis()));
            Thread.sleep(5);
        }
        return context.forwarded();
    }

    private void awaitStarted(String... ids) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!started.containsAll(List.of(ids))) {
            assertThat(System.nanoTime()).as("proofs started within the deadline").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aProofStaysInTheStoreUntilItsResultIsWritten() throws Exception {
        processor.init(context);
        process("p1", 7);
        awaitStarted("p1");
        assertThat(storeSize()).isEqualTo(1);
        assertThat(context.forwarded()).as("the stream thread does not wait for Lean").isEmpty();

        release.countDown();
        var forwarded = awaitForwarded(1);
        assertThat(forwarded).singleElement().satisfies(f -> {
            assertThat(f.record().key()).isEqualTo("p1");
            assertThat(f.record().timestamp()).isEqualTo(1_000L);
            assertThat(f.record().value().result().getStatus()).isEqualTo(VerificationStatus.VERIFIED);
        });
        assertThat(storeSize()).isZero();
    }

    @Test
    void proofsLeftInTheStoreByAnEarlierOwnerAreVerifiedAgainWhenTheTaskStarts() throws Exception {
        // more than the in-flight bound (4): the rest wait for room, and no new record comes to make it
        List<String> left = List.of("left-1", "left-2", "left-3", "left-4", "left-5", "left-6");
        for (int i = 0; i < left.size(); i++) {
            store.put("proofs-by-header/0@" + (3 + i), new InFlight(request(left.get(i)), 500L + i, new RecordHeaders()));
        }

        processor.init(context);
        release.countDown();

        assertThat(awaitForwarded(left.size()).stream().map(f -> (String) f.record().key()).toList())
                .containsExactlyInAnyOrderElementsOf(left);
        assertThat(storeSize()).isZero();
    }

    @Test
    void aClosedTaskWritesNothingMoreAndLeavesItsProofsInTheStoreForTheNextOwner() throws Exception {
        processor.init(context);
        process("running", 1);
        awaitStarted("running");

        processor.close();
        release.countDown();
        Thread.sleep(100); // let the slot finish: a result it delivered now would be a bug, not a race to wait out
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(System.currentTimeMillis()));

        assertThat(context.forwarded()).isEmpty();
        assertThat(storeSize()).isEqualTo(1);
    }

    @Test
    void anIdleTaskHasNoDrainPunctuation() throws Exception {
        processor.init(context);
        assertThat(context.scheduledPunctuators()).isEmpty();
        process("p", 1);
        assertThat(context.scheduledPunctuators()).filteredOn(p -> !p.cancelled()).hasSize(1);
        release.countDown();
        awaitForwarded(1);
        assertThat(context.scheduledPunctuators()).allMatch(MockProcessorContext.CapturedPunctuator::cancelled);
    }
}
