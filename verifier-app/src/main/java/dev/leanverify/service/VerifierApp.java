package dev.leanverify.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.codec.Codecs;
import dev.leanverify.config.AppSettings;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.repl.MemoryBudget;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.routing.HeaderAffinityRouter;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.stream.IdPlacement;
import dev.leanverify.stream.ResultTap;
import dev.leanverify.cache.VerdictCache;
import dev.leanverify.cache.VerdictKeys;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.stream.VerifierTopology;
import dev.leanverify.stream.VerifyListener;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.VerifierFactory;
import dev.leanverify.verify.ThreadSlots;
import dev.leanverify.verify.ThreadVerifiers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running verifier instance: topics ensured, limits derived, the topology running on Kafka
 * Streams, each stream thread with its Lean slots (one REPL pool per slot). Closing kills the REPLs
 * (so no slot waits out a proof), stops the streams, then the slots and every REPL process.
 */
public final class VerifierApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierApp.class);

    private final AppSettings settings;
    private final KafkaStreams streams;
    private final ThreadVerifiers verifiers;
    private final ThreadSlots slots;
    private final MemoryBudget memoryBudget;
    private final ExactlyOnceTuning tuning;
    private final StateSlot slot;
    private final LocalStateGuard stateGuard;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile Throwable fatal;

    private VerifierApp(AppSettings settings, KafkaStreams streams, ThreadVerifiers verifiers, ThreadSlots slots,
                        MemoryBudget memoryBudget, ExactlyOnceTuning tuning, StateSlot slot, LocalStateGuard stateGuard) {
        this.slots = slots;
        this.memoryBudget = memoryBudget;
        this.slot = slot;
        this.stateGuard = stateGuard;
        this.settings = settings;
        this.streams = streams;
        this.verifiers = verifiers;
        this.tuning = tuning;
    }

    /**
     * Builds an instance: creates missing topics, derives the exactly-once limits (refusing
     * settings that cannot work) and the topology, takes this instance's state slot under
     * state.dir and wipes local state that belongs to another cluster or topic layout. Does not start it.
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
        VerifierFactory factory = new VerifierFactory(lean, settings.strict(), replSpec, s.instanceId());
        LOG.info(lean.instanceMemory().describe());
        ThreadVerifiers verifiers = new ThreadVerifiers(thread -> {
            ProofVerifier verifier = factory.create(s.instanceId() + "/" + thread);
            verifier.pool().prewarm();
            return verifier;
        });
        ThreadSlots slots = new ThreadSlots(verifiers, new ThreadSlots.Settings(s.slots().perThread(),
                s.slots().inFlight()), Clock.systemUTC());
        ResultMapper results = new ResultMapper(s.resultLimits(), s.instanceId(), new ObjectMapper(),
                replSpec.sandbox().enabled());
        Topology topology = VerifierTopology.build(new VerifierTopology.Parts(s.topics(), s.dedupEnabled(),
                s.dedupRetention(), s.repartitionByHeader(), factory.splitter(),
                new HeaderAffinityRouter(s.routingWindowRecords()),
                new RequestDecoder(codecs.avroRequests()),
                new RequestValidator(s.requestLimits(), lean.maxTimeout(), factory.splitter(),
                        settings.strict().defaultStrict()), results, codecs.results(),
                codecs.tactics(), slots, listener, replSpec.leanVersion(), s.instanceId(), Clock.systemUTC(),
                verdictCache(settings, factory.splitter(), replSpec.leanVersion(), partitions),
                new IdPlacement(partitions)), tap);
        LOG.debug("topology:\n{}", topology.describe());
        Properties props = StreamsProperties.build(settings, tuning);
        Path stateRoot = props.containsKey(StreamsConfig.STATE_DIR_CONFIG)
                ? Path.of(props.get(StreamsConfig.STATE_DIR_CONFIG).toString()) : StateSlot.DEFAULT_ROOT;
        StateSlot slot = StateSlot.acquire(stateRoot, s.applicationId());
        KafkaStreams streams = null;
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, slot.dir().toString());
            streams = new KafkaStreams(topology, props);
            Properties adminProps = settings.kafkaPropertiesCopy();
            adminProps.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
            LocalStateGuard guard = new LocalStateGuard(adminProps, s.applicationId(), s.topics().proofs(),
                    topology.describe(), slot.dir());
            guard.bindOrWipe(streams::cleanUp);
            LOG.info("local state in {} (slot {} of application.id {})", slot.dir(), slot.number(), s.applicationId());
            return new VerifierApp(settings, streams, verifiers, slots, factory.memoryBudget(), tuning, slot, guard);
        } catch (RuntimeException e) {
            if (streams != null) {
                streams.close(Duration.ZERO);
            }
            slot.close();
            throw e;
        }
    }

    /**
     * The verdict cache as the settings ask: keyed by the Lean version, the project's identity and
     * the settings that shape a result, its bounds shared over the proofs topic's partitions.
     */
    static VerdictCache verdictCache(AppSettings settings, HeaderSplitter splitter, String leanVersion, int partitions) {
        if (!settings.verdictCache().enabled()) {
            return VerdictCache.disabled();
        }
        var strict = settings.strict();
        var limits = settings.stream().resultLimits();
        String fingerprint = "axioms=" + new java.util.TreeSet<>(strict.allowedAxioms()) + ";forbidden="
                + strict.forbiddenCommands() + ";replay=" + strict.replayCommand() + ";limits=" + limits;
        VerdictKeys keys = new VerdictKeys(splitter, leanVersion, VerdictKeys.projectIdentity(
                settings.lean().projectDir()), fingerprint);
        return new VerdictCache(settings.verdictCache(), keys, partitions);
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
        try {
            stateGuard.recordInternalTopics();
        } catch (RuntimeException e) {
            LOG.warn("could not record the internal topics with the local state: {}", e.getMessage());
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

    /** The memory budget all REPLs of this instance share. */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    public ThreadVerifiers verifiers() {
        return verifiers;
    }

    /** The Lean slots of the stream threads. */
    public ThreadSlots slots() {
        return slots;
    }

    public AppSettings settings() {
        return settings;
    }

    public ExactlyOnceTuning tuning() {
        return tuning;
    }

    /**
     * Stops quickly and safely: kills the REPLs so no slot waits out a long proof (the proofs cut
     * short get no result and stay in their tasks' in-flight stores, to run again after a restart),
     * stops the stream threads (waiting up to {@code timeout}), then the slots and every REPL.
     */
    public boolean close(Duration timeout) {
        verifiers.abortAll();
        // Leave the group: the other instances take over this one's partitions at once instead of
        // after session.timeout.ms (45 s by default).
        boolean clean = streams.close(org.apache.kafka.streams.CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        slots.close(timeout.toMillis());
        verifiers.close();
        slot.close();
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
