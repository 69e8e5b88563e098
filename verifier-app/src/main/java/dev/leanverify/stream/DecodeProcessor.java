package dev.leanverify.stream;

import dev.leanverify.codec.input.IncomingProof;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.input.Undecodable;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.VerificationReport;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and validates input records: undecodable ones go to the dead-letter path with headers
 * saying why and where from, invalid ones get their INVALID_REQUEST result, valid ones go on,
 * marked in place when the record is keyed by its id on the id's partition ({@link IdPlacement}), so
 * that they can be de-duplicated without the by-id repartition. Never throws for anything in a record.
 */
final class DecodeProcessor implements Processor<byte[], byte[], byte[], Decoded> {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);

    private final RequestDecoder decoder;
    private final RequestValidator validator;
    private final ResultMapper results;
    private final String leanVersion;
    private final String instanceId;
    private final Clock clock;
    private final VerifyListener listener;
    private final IdPlacement placement;
    private ProcessorContext<byte[], Decoded> context;

    DecodeProcessor(RequestDecoder decoder, RequestValidator validator, ResultMapper results, String leanVersion,
                    String instanceId, Clock clock, VerifyListener listener, IdPlacement placement) {
        this.placement = Objects.requireNonNull(placement, "placement");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.results = Objects.requireNonNull(results, "results");
        this.leanVersion = Objects.requireNonNull(leanVersion, "leanVersion");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(ProcessorContext<byte[], Decoded> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String source = meta == null ? "unknown" : meta.topic() + "-" + meta.partition() + "@" + meta.offset();
        Headers headers = RecordHeaders.put(RecordHeaders.copy(record.headers()), RecordHeaders.SOURCE, source);
        IncomingProof incoming;
        try {
            incoming = decoder.decode(record.value());
        } catch (Undecodable e) {
            LOG.warn("dead-lettered {}: {} ({})", source, e.getMessage(), e.reason().code());
            RecordHeaders.put(headers, RecordHeaders.DLQ_REASON, e.reason().code());
            RecordHeaders.put(headers, RecordHeaders.DLQ_ERROR, e.getMessage());
            if (meta != null) {
                RecordHeaders.put(headers, RecordHeaders.DLQ_TOPIC, meta.topic());
                RecordHeaders.put(headers, RecordHeaders.DLQ_PARTITION, Integer.toString(meta.partition()));
                RecordHeaders.put(headers, RecordHeaders.DLQ_OFFSET, Long.toString(meta.offset()));
            }
            RecordHeaders.put(headers, RecordHeaders.DLQ_TIMESTAMP, Long.toString(record.timestamp()));
            RecordHeaders.put(headers, RecordHeaders.DLQ_INSTANCE, instanceId);
            listener.deadLettered(e.reason().code());
            context.forward(record.withValue((Decoded) new Decoded.Dead(record.value())).withHeaders(headers));
            return;
        }
        RequestValidator.Validated validated = validator.validate(incoming);
        if (validated instanceof RequestValidator.Validated.Valid valid) {
            boolean inPlace = meta != null && placement.inPlace(record.key(), valid.request().getId(), meta.partition());
            context.forward(record.withValue((Decoded) new Decoded.Accepted(valid.request(), inPlace))
                    .withHeaders(headers));
            return;
        }
        RequestValidator.Validated.Invalid invalid = (RequestValidator.Validated.Invalid) validated;
        String id = invalid.id() != null ? invalid.id() : source;
        LOG.info("invalid request {} ({}): {}", id, source, invalid.reason());
        long now = clock.millis();
        var report = VerificationReport.rejected(id, ProofStatus.INVALID_REQUEST, invalid.reason(), leanVersion);
        var origin = new ResultMapper.Origin(invalid.metadata(), Math.max(0, now - record.timestamp()), source);
        var result = results.toResult(report, origin, 0, now);
        listener.rejected(result);
        context.forward(record.withValue((Decoded) new Decoded.Rejected(id, result)).withHeaders(headers));
    }
}
