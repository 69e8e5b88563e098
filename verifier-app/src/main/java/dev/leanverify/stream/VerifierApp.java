package dev.leanverify.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.config.AppSettings;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.ReplLauncher;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.routing.HeaderAffinityRouter;
import dev.leanverify.stream.input.RequestDecoder;
import dev.leanverify.stream.input.RequestValidator;
import dev.leanverify.stream.output.ResultMapper;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.VerifierLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running verifier instance: topics ensured, limits derived, the topology running on Kafka
 * Streams, one REPL pool per stream thread. Closing stops the streams first (so no thread is
 * mid-proof) and then every REPL process.
 */
public final class VerifierApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierApp.class);

    private final AppSettings settings;
    private final KafkaStreams streams;
    private final ThreadVerifiers verifiers;
    private final ExactlyOnceTuning tuning;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile Throwable fatal;

    private VerifierApp(AppSettings settings, KafkaStreams streams, ThreadVerifiers verifiers, ExactlyOnceTuning tuning) {
        this.settings = settings;
        this.streams = streams;
        this.verifiers = verifiers;
        this.tuning = tuning;
    }

    /**
     * Builds an instance: creates missing topics, derives the exactly-once limits (refusing
     * settings that cannot work) and the topology. Does not start it.
     */
    public static VerifierApp create(AppSettings settings, ReplSpec replSpec, Codecs codecs, VerifyListener listener) {
        return create(settings, replSpec, codecs, listener, ResultTap.NONE);
    }

    /** As {@link #create(AppSettings, ReplSpec, Codecs, VerifyListener)}, with {@code tap} on the results. */
    public static VerifierApp create(AppSettings settings, ReplSpec replSpec, Codecs codecs, VerifyListener listener,
                                     ResultTap tap) {
        Objects.requireNonNull(replSpec, "replSpec");
        StreamSettings s = settings.stream();
        LeanSettings lean = settings.lean();
        int partitions = TopicProvisioner.ensureTopics(s, settings.kafkaPropertiesCopy());
        ExactlyOnceTuning tuning;
        try {
            tuning = ExactlyOnceTuning.derive(lean.maxTimeout(), lean.headerTimeout(), partitions, s.streamThreads(),
                    s.brokerMaxTransactionMs(), s.preferredMaxPollRecords());
        } catch (IllegalArgumentException e) {
            throw new dev.leanverify.config.ConfigException(e.getMessage());
        }
        LOG.info(tuning.describe());
        HeaderSplitter splitter = new HeaderSplitter(lean.mergeMathlibImports());
        ReplJson json = new ReplJson();
        ReplLauncher launcher = new ReplLauncher(replSpec, json, Ticker.systemTicker(), s.instanceId());
        VerifierLimits limits = new VerifierLimits(lean.defaultTimeout(), lean.maxTimeout());
        ThreadVerifiers verifiers = new ThreadVerifiers(thread -> {
            ReplPool pool = new ReplPool(lean.pool(), launcher.named(s.instanceId() + "/" + thread));
            pool.prewarm();
            return new ProofVerifier(pool, splitter, limits, replSpec.leanVersion(), Ticker.systemTicker());
        });
        ResultMapper results = new ResultMapper(s.resultLimits(), s.instanceId(), new ObjectMapper());
        Topology topology = VerifierTopology.build(new VerifierTopology.Parts(s.topics(), s.dedupEnabled(),
                s.dedupRetention(), s.repartitionByHeader(), splitter, new HeaderAffinityRouter(s.routingWindowRecords()),
                new RequestDecoder(codecs.avroRequests()),
                new RequestValidator(s.requestLimits(), lean.maxTimeout(), splitter), results, codecs.results(),
                codecs.tactics(), verifiers, listener, replSpec.leanVersion(), s.instanceId(), Clock.systemUTC()), tap);
        LOG.debug("topology:\n{}", topology.describe());
        Properties props = StreamsProperties.build(settings, tuning);
        KafkaStreams streams = new KafkaStreams(topology, props);
        return new VerifierApp(settings, streams, verifiers, tuning);
    }

    /** Starts the stream threads and waits until they run (or fail). */
    public void start(Duration wait) {
        streams.setUncaughtExceptionHandler(e -> {
            if (verifiers.shuttingDown()) {
                LOG.info("stream thread stopped mid-proof for shutdown: {}", rootMessage(e));
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            LOG.error("a stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR) {
                fatal = new IllegalStateException("Kafka Streams went into ERROR");
                running.countDown();
            }
        });
        streams.start();
        try {
            if (!running.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the verifier did not reach RUNNING within " + wait.toSeconds()
                        + " s (state " + streams.state() + "); is the Kafka cluster at "
                        + settings.stream().bootstrapServers() + " reachable?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        if (fatal != null) {
            throw new IllegalStateException(fatal.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ThreadVerifiers verifiers() {
        return verifiers;
    }

    public AppSettings settings() {
        return settings;
    }

    public ExactlyOnceTuning tuning() {
        return tuning;
    }

    /**
     * Stops quickly and safely: kills the REPLs so no thread waits out a long proof (the proofs
     * cut short are not committed and run again after a restart), stops the stream threads
     * (waiting up to {@code timeout}), then closes every REPL.
     */
    public boolean close(Duration timeout) {
        verifiers.abortAll();
        // Leave the group: the other instances take over this one's partitions at once instead of
        // after session.timeout.ms (45 s by default).
        boolean clean = streams.close(org.apache.kafka.streams.CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        verifiers.close();
        if (!clean) {
            LOG.warn("Kafka Streams did not close within {} s", timeout.toSeconds());
        }
        return clean;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(60));
    }
}
