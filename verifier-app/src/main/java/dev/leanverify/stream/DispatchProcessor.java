package dev.leanverify.stream;

import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.SlotDispatcher;
import dev.leanverify.verify.SlotInbox;
import dev.leanverify.verify.ThreadSlots;
import dev.leanverify.verify.VerificationReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each proof to its stream thread's Lean slots and writes the result when a slot has
 * finished it — on the stream thread, from a wall-clock punctuation or the next record — so a
 * stream thread keeps polling and committing while its slots run Lean.
 *
 * <p>A proof is written to the in-flight store (changelogged) in the transaction that consumes its
 * record, and deleted in the transaction that writes its result. So a crash, a rebalance or a
 * shutdown between the two leaves it in the store of the task's next owner, whose {@link #init}
 * hands it to the slots again: it is verified again and answered exactly once. While the thread's
 * in-flight bound is reached, {@link #process} waits for room (backpressure): the thread takes no
 * record its slots cannot start soon. Anything that goes wrong in verifying becomes a result with
 * a status.
 */
final class DispatchProcessor implements Processor<String, ProofRequest, String, Verified> {
    static final String STORE = "proofs-in-flight";
    private static final Logger LOG = LoggerFactory.getLogger(DispatchProcessor.class);

    private final ThreadSlots slots;
    private final HeaderSplitter splitter;
    private final ResultMapper results;
    private final VerifyListener listener;
    private final String leanVersion;
    private final Clock clock;
    private final Duration drainInterval;
    /** The task's proofs handed to the slots, by store key. */
    private final Map<String, InFlight> handedOut = new HashMap<>();
    /** The task's proofs in the store not yet handed to the slots (the slots were full). */
    private final ArrayDeque<KeyValue<String, InFlight>> waiting = new ArrayDeque<>();
    private ProcessorContext<String, Verified> context;
    private KeyValueStore<String, InFlight> store;
    private SlotDispatcher dispatcher;
    private SlotInbox inbox;
    private boolean stopping;
    /** The wall-clock punctuation that writes finished results, scheduled only while proofs are out (an idle task costs nothing). */
    private Cancellable drainer;

    DispatchProcessor(ThreadSlots slots, HeaderSplitter splitter, ResultMapper results, VerifyListener listener,
                      String leanVersion, Clock clock, Duration drainInterval) {
        this.slots = Objects.requireNonNull(slots, "slots");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.results = Objects.requireNonNull(results, "results");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.leanVersion = Objects.requireNonNull(leanVersion, "leanVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.drainInterval = Objects.requireNonNull(drainInterval, "drainInterval");
    }

    @Override
    public void init(ProcessorContext<String, Verified> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.dispatcher = slots.forCurrentThread();
        this.inbox = new SlotInbox();
        try (KeyValueIterator<String, InFlight> left = store.all()) {
            left.forEachRemaining(waiting::addLast);
        }
        if (!waiting.isEmpty()) {
            LOG.info("task {}: {} proof(s) were in flight when the task last stopped; verifying them again",
                    context.taskId(), waiting.size());
        }
        handOut();
    }

    @Override
    public void process(Record<String, ProofRequest> record) {
        String key = storeKey(record);
        InFlight proof = new InFlight(record.value(), record.timestamp(), RecordHeaders.copy(record.headers()));
        store.put(key, proof);
        waiting.addLast(KeyValue.pair(key, proof));
        dispatcher.awaitRoom();
        handOut();
        drain();
    }

    /** Unique within the task: the record's place in its topic (an id may repeat when de-duplication is off). */
    private String storeKey(Record<String, ProofRequest> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        if (meta == null) {
            throw new IllegalStateException("a proof record without topic metadata cannot be tracked in flight");
        }
        return meta.topic() + "/" + meta.partition() + "@" + meta.offset();
    }

    /** Hands waiting proofs to the slots while they take them. */
    private void handOut() {
        while (!stopping && !waiting.isEmpty()) {
            KeyValue<String, InFlight> next = waiting.peekFirst();
            ProofJob job = job(next.value.request());
            handedOut.put(next.key, next.value);
            SlotDispatcher.Submitted submitted = dispatcher.trySubmit(inbox, next.key, job,
                    splitter.split(job.code()).headerDigest());
            if (submitted != SlotDispatcher.Submitted.TAKEN) {
                handedOut.remove(next.key);
                // CLOSED: the instance is stopping; what is in the store runs again after a restart
                stopping = submitted == SlotDispatcher.Submitted.CLOSED;
                break;
            }
            waiting.pollFirst();
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        boolean busy = !handedOut.isEmpty() || !waiting.isEmpty();
        if (busy && drainer == null) {
            drainer = context.schedule(drainInterval, PunctuationType.WALL_CLOCK_TIME, now -> drain());
        } else if (!busy && drainer != null) {
            drainer.cancel();
            drainer = null;
        }
    }

    /** Writes the results the slots have finished, then hands out proofs that were waiting for room. */
    private void drain() {
        SlotInbox.Finished done;
        while ((done = inbox.poll()) != null) {
            InFlight proof = handedOut.remove(done.key());
            if (proof == null) {
                continue;
            }
            emit(done, proof);
            store.delete(done.key());
        }
        handOut();
        scheduleDrain();
    }

    private void emit(SlotInbox.Finished done, InFlight proof) {
        ProofRequest request = proof.request();
        VerificationReport report = done.report();
        if (done.failure() != null) {
            LOG.error("verifying proof {} failed inside the verifier", request.getId(), done.failure());
            report = VerificationReport.rejected(request.getId(), ProofStatus.INTERNAL_ERROR,
                    "internal error in the verifier: " + done.failure(), leanVersion);
        }
        Headers headers = proof.headers();
        String source = RecordHeaders.get(headers, RecordHeaders.SOURCE);
        Map<String, String> metadata = request.getMetadata() == null ? Map.of() : request.getMetadata();
        var origin = new ResultMapper.Origin(metadata, Math.max(0, done.startedAtMs() - proof.timestamp()), source);
        var result = results.toResult(report, origin, done.verifierNanos(), clock.millis());
        listener.verified(report, result);
        if (LOG.isDebugEnabled()) {
            LOG.debug("proof {} {} in {} ms (lean {} ms, queue {} ms, cache {})", request.getId(), report.status(),
                    done.verifierNanos() / 1_000_000, report.leanNanos() / 1_000_000, origin.queueMs(),
                    report.headerCacheHit() ? "hit" : "miss");
        }
        boolean tactics = done.job().allTactics();
        context.forward(new Record<>(request.getId(), new Verified(result, results.toTactics(report, origin, tactics)),
                proof.timestamp(), headers));
    }

    private static ProofJob job(ProofRequest request) {
        ProofOptions options = request.getOptions();
        return new ProofJob(request.getId(), request.getCode(),
                request.getTimeoutSeconds() == null ? null : Duration.ofSeconds(request.getTimeoutSeconds()),
                options != null && options.getAllTactics(), options == null ? null : options.getInfotree(),
                request.getMetadata(), options != null && options.getStrict(), request.getStatement());
    }

    @Override
    public void close() {
        // the proofs still in flight stay in the store for the task's next owner
        if (dispatcher != null) {
            dispatcher.forget(inbox);
        }
        handedOut.clear();
        waiting.clear();
        if (drainer != null) {
            drainer.cancel();
            drainer = null;
        }
    }
}
