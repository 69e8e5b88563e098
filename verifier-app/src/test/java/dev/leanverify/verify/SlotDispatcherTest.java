package dev.leanverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.testing.FakeVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Lean slots of one stream thread, with a fake verifier whose proofs finish when the test says. */
@Tag("unit")
class SlotDispatcherTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final Gate gate = new Gate();
    private final FakeVerifier verifier = new FakeVerifier(gate::answer);
    private SlotDispatcher slots;

    /** Proofs block in the verifier until released by id; the ids that started arrive in {@code started}. */
    private static final class Gate {
        final BlockingQueue<String> started = new LinkedBlockingQueue<>();
        final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

        VerificationReport answer(ProofJob job) {
            started.add(job.id());
            try {
                if (!latch(job.id()).await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("proof " + job.id() + " was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeVerifier.report(job, ProofStatus.VERIFIED, null);
        }

        CountDownLatch latch(String id) {
            return releases.computeIfAbsent(id, k -> new CountDownLatch(1));
        }

        void release(String id) {
            latch(id).countDown();
        }

        String nextStarted() throws InterruptedException {
            String id = started.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(id).as("a proof started within the deadline").isNotNull();
            return id;
        }
    }

    @AfterEach
    void close() {
        gate.releases.values().forEach(CountDownLatch::countDown);
        if (slots != null) {
            slots.close(5_000);
        }
    }

    private static ProofJob job(String id) {
        return new ProofJob(id, "theorem t : True := trivial", null, false, null, Map.of(), false, null);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static SlotInbox.Finished awaitFinished(SlotInbox inbox) throws InterruptedException {
        awaitTrue("a finished proof in the inbox", inbox::hasFinished);
        return inbox.poll();
    }

    @Test
    void slotsVerifyProofsAtOnceAndLeaveResultsInTheInbox() throws Exception {
        slots = new SlotDispatcher("t", 3, 3, verifier, Clock.systemUTC());
        SlotInbox inbox = new SlotInbox();
        for (String id : List.of("a", "b", "c")) {
            assertThat(slots.trySubmit(inbox, "key-" + id, job(id), "h")).isEqualTo(SlotDispatcher.Submitted.TAKEN);
        }
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(gate.nextStarted());
        }
        assertThat(started).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(slots.running()).isEqualTo(3);
        assertThat(inbox.hasFinished()).isFalse();

        gate.release("b");
        SlotInbox.Finished done = awaitFinished(inbox);
        assertThat(done.key()).isEqualTo("key-b");
        assertThat(done.report().status()).isEqualTo(ProofStatus.VERIFIED);
        assertThat(done.failure()).isNull();
    }

    @Test
    void atTheInFlightBoundNothingMoreIsTakenUntilASlotFinishes() throws Exception {
        slots = new SlotDispatcher("t", 1, 2, verifier, Clock.systemUTC());
        SlotInbox inbox = new SlotInbox();
        assertThat(slots.trySubmit(inbox, "a", job("a"), "h")).isEqualTo(SlotDispatcher.Submitted.TAKEN);
        assertThat(slots.trySubmit(inbox, "b", job("b"), "h")).isEqualTo(SlotDispatcher.Submitted.TAKEN);
        assertThat(slots.trySubmit(inbox, "c", job("c"), "h")).isEqualTo(SlotDispatcher.Submitted.FULL);
        assertThat(gate.nextStarted()).isEqualTo("a");

        AtomicBoolean roomSeen = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            slots.awaitRoom();
            roomSeen.set(true);
        });
        waiter.start();
        waiter.join(200);
        assertThat(roomSeen).as("no room while a runs and b waits").isFalse();

        gate.release("a");
        waiter.join(DEADLINE.toMillis());
        assertThat(roomSeen).isTrue();
        assertThat(slots.trySubmit(inbox, "c", job("c"), "h")).isEqualTo(SlotDispatcher.Submitted.TAKEN);
        assertThat(gate.nextStarted()).isEqualTo("b");
    }

    @Test
    void aFreeSlotTakesAProofOfTheHeaderItRanLastBeforeOlderOnes() throws Exception {
        slots = new SlotDispatcher("t", 1, 4, verifier, Clock.systemUTC());
        SlotInbox inbox = new SlotInbox();
        slots.trySubmit(inbox, "first", job("first"), "mathlib");
        assertThat(gate.nextStarted()).isEqualTo("first");
        slots.trySubmit(inbox, "other", job("other"), "aesop");
        slots.trySubmit(inbox, "same", job("same"), "mathlib");

        gate.release("first");
        assertThat(gate.nextStarted()).as("the slot's REPL has mathlib loaded").isEqualTo("same");
        gate.release("same");
        assertThat(gate.nextStarted()).isEqualTo("other");
    }

    @Test
    void aClosedInboxLosesItsQueuedProofsAndTheResultsOfItsRunningOnes() throws Exception {
        slots = new SlotDispatcher("t", 1, 3, verifier, Clock.systemUTC());
        SlotInbox closing = new SlotInbox();
        SlotInbox staying = new SlotInbox();
        slots.trySubmit(closing, "running", job("running"), "h");
        assertThat(gate.nextStarted()).isEqualTo("running");
        slots.trySubmit(closing, "queued", job("queued"), "h");
        slots.trySubmit(staying, "kept", job("kept"), "h");

        slots.forget(closing);
        assertThat(slots.inFlight()).as("the queued proof of the closed inbox is dropped").isEqualTo(2);
        gate.release("running");
        assertThat(gate.nextStarted()).isEqualTo("kept");
        gate.release("kept");
        assertThat(awaitFinished(staying).key()).isEqualTo("kept");
        assertThat(closing.hasFinished()).isFalse();
        assertThat(verifier.jobs()).extracting(ProofJob::id).doesNotContain("queued");
    }

    @Test
    void aProofFinishingAfterAShutdownBeganIsNotDelivered() throws Exception {
        slots = new SlotDispatcher("t", 1, 1, verifier, Clock.systemUTC());
        SlotInbox inbox = new SlotInbox();
        slots.trySubmit(inbox, "cut", job("cut"), "h");
        assertThat(gate.nextStarted()).isEqualTo("cut");
        verifier.startShutdown();
        gate.release("cut");
        awaitTrue("the slot is free again", () -> slots.inFlight() == 0);
        assertThat(inbox.hasFinished()).isFalse();
    }

    @Test
    void aVerifierThatThrowsLeavesTheFailureInTheInbox() throws Exception {
        slots = new SlotDispatcher("t", 1, 1, new FakeVerifier(job -> {
            throw new IllegalStateException("pool broken");
        }), Clock.systemUTC());
        SlotInbox inbox = new SlotInbox();
        slots.trySubmit(inbox, "x", job("x"), "h");
        SlotInbox.Finished done = awaitFinished(inbox);
        assertThat(done.report()).isNull();
        assertThat(done.failure()).hasMessage("pool broken");
    }

    @Test
    void closingWakesAWaiterForRoomAndRefusesNewProofs() throws Exception {
        slots = new SlotDispatcher("t", 1, 1, verifier, Clock.systemUTC());
        SlotInbox inbox = new SlotInbox();
        slots.trySubmit(inbox, "a", job("a"), "h");
        assertThat(gate.nextStarted()).isEqualTo("a");
        CountDownLatch woke = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            slots.awaitRoom();
            woke.countDown();
        });
        waiter.start();
        Thread closer = new Thread(() -> slots.close(100));
        closer.start();
        assertThat(woke.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(slots.trySubmit(inbox, "b", job("b"), "h")).isEqualTo(SlotDispatcher.Submitted.CLOSED);
        closer.join(DEADLINE.toMillis());
    }

    @Test
    void withNoSlotsAProofIsVerifiedOnTheSubmittingThread() {
        slots = new SlotDispatcher("t", 0, 1, FakeVerifier.allVerified(), Clock.systemUTC());
        SlotInbox inbox = new SlotInbox();
        assertThat(slots.trySubmit(inbox, "now", job("now"), "h")).isEqualTo(SlotDispatcher.Submitted.TAKEN);
        assertThat(inbox.poll()).isNotNull().extracting(SlotInbox.Finished::key).isEqualTo("now");
        assertThat(slots.inFlight()).isZero();
    }
}
