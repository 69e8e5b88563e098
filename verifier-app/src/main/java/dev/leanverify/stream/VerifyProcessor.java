package dev.leanverify.stream;

import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.Verifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies each proof (in the app: with the current stream thread's REPL pool) and emits its one result (and
 * its tactics when asked). Anything that goes wrong becomes a result with a status; nothing is
 * thrown into the stream thread.
 */
final class VerifyProcessor implements FixedKeyProcessor<String, ProofRequest, Verified> {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyProcessor.class);

    private final Verifier verifier;
    private final ResultMapper results;
    private final VerifyListener listener;
    private final String leanVersion;
    private final Clock clock;
    private FixedKeyProcessorContext<String, Verified> context;

    VerifyProcessor(Verifier verifier, ResultMapper results, VerifyListener listener, String leanVersion,
                    Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.results = Objects.requireNonNull(results, "results");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.leanVersion = Objects.requireNonNull(leanVersion, "leanVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Verified> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ProofRequest> record) {
        ProofRequest request = record.value();
        long startMs = clock.millis();
        long startNanos = System.nanoTime();
        ProofOptions options = request.getOptions();
        boolean tactics = options != null && options.getAllTactics();
        ProofJob job = new ProofJob(request.getId(), request.getCode(),
                request.getTimeoutSeconds() == null ? null : Duration.ofSeconds(request.getTimeoutSeconds()),
                tactics, options == null ? null : options.getInfotree(), request.getMetadata(),
                options != null && options.getStrict(), request.getStatement());
        VerificationReport report;
        if (verifier.shuttingDown()) {
            throw new ShutdownInProgress(job.id());
        }
        try {
            report = verifier.verify(job);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            LOG.error("verifying proof {} failed inside the verifier", job.id(), e);
            report = VerificationReport.rejected(job.id(), ProofStatus.INTERNAL_ERROR,
                    "internal error in the verifier: " + e, leanVersion);
        }
        if (verifier.shuttingDown()) {
            throw new ShutdownInProgress(job.id());
        }
        long verifierNanos = System.nanoTime() - startNanos;
        String source = RecordHeaders.get(record.headers(), RecordHeaders.SOURCE);
        var origin = new ResultMapper.Origin(metadata(request), Math.max(0, startMs - record.timestamp()), source);
        var result = results.toResult(report, origin, verifierNanos, clock.millis());
        listener.verified(report, result);
        if (LOG.isDebugEnabled()) {
            LOG.debug("proof {} {} in {} ms (lean {} ms, queue {} ms, cache {})", job.id(), report.status(),
                    verifierNanos / 1_000_000, report.leanNanos() / 1_000_000, origin.queueMs(),
                    report.headerCacheHit() ? "hit" : "miss");
        }
        context.forward(record.withValue(new Verified(result, results.toTactics(report, origin, tactics))));
    }

    private static Map<String, String> metadata(ProofRequest request) {
        return request.getMetadata() == null ? Map.of() : request.getMetadata();
    }
}
