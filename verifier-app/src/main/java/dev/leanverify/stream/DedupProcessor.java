package dev.leanverify.stream;

import dev.leanverify.schema.ProofRequest;
import dev.leanverify.codec.input.Undecodable;
import dev.leanverify.codec.output.AvroJsonWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through the first request of each id and dead-letters later ones, so that every proof id
 * has exactly one result. Runs on proofs partitioned by id; remembers ids in a window store that
 * forgets them after the retention period (Kafka Streams drops whole old segments cheaply).
 */
final class DedupProcessor implements Processor<String, ProofRequest, String, Deduped> {
    static final String STORE = "seen-proof-ids";
    private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);

    private final Duration retention;
    private final String instanceId;
    private final AvroJsonWriter json = new AvroJsonWriter();
    private ProcessorContext<String, Deduped> context;
    private WindowStore<String, Long> seen;

    private final VerifyListener listener;

    DedupProcessor(Duration retention, String instanceId, VerifyListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    }

    @Override
    public void init(ProcessorContext<String, Deduped> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, ProofRequest> record) {
        String id = record.key();
        long now = record.timestamp();
        Long firstSeen = null;
        try (WindowStoreIterator<Long> it = seen.fetch(id, Instant.ofEpochMilli(Math.max(0, now - retention.toMillis())),
                Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            if (it.hasNext()) {
                firstSeen = it.next().value;
            }
        }
        if (firstSeen == null) {
            seen.put(id, now, now);
            context.forward(record.withValue((Deduped) new Deduped.Fresh(record.value())));
            return;
        }
        String source = RecordHeaders.get(record.headers(), RecordHeaders.SOURCE);
        LOG.warn("dead-lettered duplicate proof id {} from {} (first seen at {})", id, source, Instant.ofEpochMilli(firstSeen));
        Headers headers = RecordHeaders.copy(record.headers());
        RecordHeaders.put(headers, RecordHeaders.DLQ_REASON, Undecodable.Reason.DUPLICATE_ID.code());
        RecordHeaders.put(headers, RecordHeaders.DLQ_ERROR, "a proof with id '" + id + "' was already accepted at "
                + Instant.ofEpochMilli(firstSeen) + "; ids must be unique per attempt (its result is keyed by id)");
        RecordHeaders.put(headers, RecordHeaders.DLQ_TIMESTAMP, Long.toString(record.timestamp()));
        RecordHeaders.put(headers, RecordHeaders.DLQ_INSTANCE, instanceId);
        if (source != null) {
            int at = source.lastIndexOf('@');
            int dash = source.lastIndexOf('-', at);
            if (at > 0 && dash > 0) {
                RecordHeaders.put(headers, RecordHeaders.DLQ_TOPIC, source.substring(0, dash));
                RecordHeaders.put(headers, RecordHeaders.DLQ_PARTITION, source.substring(dash + 1, at));
                RecordHeaders.put(headers, RecordHeaders.DLQ_OFFSET, source.substring(at + 1));
            }
        }
        listener.deadLettered(Undecodable.Reason.DUPLICATE_ID.code());
        context.forward(record.withValue((Deduped) new Deduped.Duplicate(json.write(record.value()))).withHeaders(headers));
    }
}
