package dev.leanverify.stream;

import dev.leanverify.cache.VerdictCache;
import dev.leanverify.codec.ProofRequestSerde;
import dev.leanverify.config.StreamSettings.Topics;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.routing.HeaderAffinityRouter;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.verify.ThreadSlots;
import dev.leanverify.verify.Verifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * The verifier's topology, as a value that can be tested without a broker:
 * <pre>
 * proofs ─► decode ─┬─► dlq                          (undecodable)
 *                   ├─► results                      (INVALID_REQUEST)
 *                   ├─► (in place) ───┬─► dedupe ─┬─► dlq  (duplicate id)
 *                   └─► by id ────────┘           └─► by header ─► verdict-lookup ─┬─► (hit) ───────────────────► results, tactics
 *                                                                                  └─► verify ─► verdict-store ─► results, tactics
 * </pre>
 * "verify" hands proofs to its stream thread's Lean slots and writes each result when its slot has
 * finished ({@link DispatchProcessor}); its in-flight store (in memory, changelogged) carries the
 * proofs between the transaction that takes them and the one that answers them.
 * "by id" and "by header" are internal repartition topics; each can be switched off
 * (dedup.enabled, routing.repartition). A request keyed by its id on the partition Kafka's default
 * partitioner gives that id ({@link IdPlacement}) is de-duplicated where it is read; any other goes
 * through "by id" to the same task and store (the proofs topic and "by id" are sources of one
 * sub-topology), so every id meets one store whichever way it comes, and the usual path from input to
 * result is two transactions (decode and dedupe, then verify) instead of three. The verdict cache's two steps and its store (RocksDB,
 * changelogged) are there only when verdict.cache.enabled. A {@link ResultTap} may take both result
 * streams further (the run statistics do).
 */
public final class VerifierTopology {
    static final String DECODE = "decode";
    static final String DEDUPE = "dedupe";
    static final String VERIFY = "verify";
    static final String VERDICT_LOOKUP = "verdict-lookup";
    static final String VERDICT_STORE = "verdict-store";
    static final String BY_ID = "proofs-by-id";
    static final String BY_HEADER = "proofs-by-header";

    private VerifierTopology() {
    }

    /** Everything the topology is made of. */
    public record Parts(Topics topics, boolean dedup, Duration dedupRetention, boolean repartitionByHeader,
                        HeaderSplitter splitter, HeaderAffinityRouter router, RequestDecoder decoder,
                        RequestValidator validator, ResultMapper results, Serde<VerificationResult> resultSerde,
                        Serde<ProofTactics> tacticsSerde, ThreadSlots slots, VerifyListener listener,
                        String leanVersion, String instanceId, Clock clock, VerdictCache verdictCache,
                        IdPlacement idPlacement) {

        /** How often a task with proofs in its slots looks for finished ones (wall clock). */
        public static final Duration DRAIN_INTERVAL = Duration.ofMillis(5);

        /**
         * Parts for a proofs topic of one partition (as on Kafka's test driver), verifying each proof
         * with {@code verifier} on the stream thread as it is processed (no slot threads to wait for).
         */
        public Parts(Topics topics, boolean dedup, Duration dedupRetention, boolean repartitionByHeader,
                     HeaderSplitter splitter, HeaderAffinityRouter router, RequestDecoder decoder,
                     RequestValidator validator, ResultMapper results, Serde<VerificationResult> resultSerde,
                     Serde<ProofTactics> tacticsSerde, Verifier verifier, VerifyListener listener,
                     String leanVersion, String instanceId, Clock clock, VerdictCache verdictCache) {
            this(topics, dedup, dedupRetention, repartitionByHeader, splitter, router, decoder, validator, results,
                    resultSerde, tacticsSerde, new ThreadSlots(verifier, ThreadSlots.Settings.inline(), clock), listener,
                    leanVersion, instanceId, clock, verdictCache, new IdPlacement(1));
        }

        /** Parts without a verdict cache, for a proofs topic of one partition. */
        public Parts(Topics topics, boolean dedup, Duration dedupRetention, boolean repartitionByHeader,
                     HeaderSplitter splitter, HeaderAffinityRouter router, RequestDecoder decoder,
                     RequestValidator validator, ResultMapper results, Serde<VerificationResult> resultSerde,
                     Serde<ProofTactics> tacticsSerde, Verifier verifier, VerifyListener listener,
                     String leanVersion, String instanceId, Clock clock) {
            this(topics, dedup, dedupRetention, repartitionByHeader, splitter, router, decoder, validator, results,
                    resultSerde, tacticsSerde, verifier, listener, leanVersion, instanceId, clock,
                    VerdictCache.disabled());
        }

        public Parts {
            Objects.requireNonNull(slots, "slots");
            Objects.requireNonNull(verdictCache, "verdictCache");
            Objects.requireNonNull(idPlacement, "idPlacement");
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(dedupRetention, "dedupRetention");
            Objects.requireNonNull(splitter, "splitter");
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(decoder, "decoder");
            Objects.requireNonNull(validator, "validator");
            Objects.requireNonNull(results, "results");
            Objects.requireNonNull(resultSerde, "resultSerde");
            Objects.requireNonNull(tacticsSerde, "tacticsSerde");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(leanVersion, "leanVersion");
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(clock, "clock");
        }
    }

    public static Topology build(Parts p) {
        return build(p, ResultTap.NONE);
    }

    /** The topology, with {@code tap} attached to the results as they are written. */
    public static Topology build(Parts p, ResultTap tap) {
        Objects.requireNonNull(tap, "tap");
        StreamsBuilder builder = new StreamsBuilder();
        Serde<ProofRequest> requests = new ProofRequestSerde();

        KStream<byte[], byte[]> input = builder.stream(p.topics().proofs(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("proofs"));
        Map<String, KStream<byte[], Decoded>> decoded = input
                .process(() -> new DecodeProcessor(p.decoder(), p.validator(), p.results(), p.leanVersion(),
                        p.instanceId(), p.clock(), p.listener(), p.idPlacement()), Named.as(DECODE))
                .split(Named.as("decoded-"))
                .branch((k, v) -> v instanceof Decoded.Dead, Branched.as("dead"))
                .branch((k, v) -> v instanceof Decoded.Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));

        decoded.get("decoded-dead")
                .mapValues(v -> ((Decoded.Dead) v).value(), Named.as("dead-value"))
                .to(p.topics().dlq(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dlq-undecodable"));
        KStream<String, VerificationResult> invalid = decoded.get("decoded-rejected")
                .map((k, v) -> KeyValue.pair(((Decoded.Rejected) v).id(), ((Decoded.Rejected) v).result()),
                        Named.as("rejected-result"));
        invalid.to(p.topics().results(), Produced.with(Serdes.String(), p.resultSerde()).withName("results-invalid"));

        KStream<String, ProofRequest> accepted;
        if (p.dedup()) {
            builder.addStateStore(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(DedupProcessor.STORE, p.dedupRetention().multipliedBy(2),
                            p.dedupRetention(), false),
                    Serdes.String(), Serdes.Long()));
            // An id is de-duplicated in the task of its partition (IdPlacement): in place when the input
            // record is keyed by its id on that partition, else after the by-id repartition, whose
            // source shares the sub-topology (and so the task and the store) with the proofs topic.
            Map<String, KStream<byte[], Decoded>> placed = decoded.get("decoded-accepted")
                    .split(Named.as("placed-"))
                    .branch((k, v) -> ((Decoded.Accepted) v).inPlace(), Branched.as("in-place"))
                    .defaultBranch(Branched.as("elsewhere"));
            StreamPartitioner<String, ProofRequest> byId = (topic, id, request, partitions) ->
                    Optional.of(Set.of(p.idPlacement().checkPartitions(id, partitions)));
            KStream<String, ProofRequest> moved = keyById(placed.get("placed-elsewhere"), "key-by-id")
                    .repartition(Repartitioned.with(Serdes.String(), requests).withName(BY_ID)
                            .withStreamPartitioner(byId));
            Map<String, KStream<String, Deduped>> deduped = keyById(placed.get("placed-in-place"), "key-in-place")
                    .merge(moved, Named.as("in-place-and-by-id"))
                    .process(() -> new DedupProcessor(p.dedupRetention(), p.instanceId(), p.listener()), Named.as(DEDUPE),
                            DedupProcessor.STORE)
                    .split(Named.as("deduped-"))
                    .branch((k, v) -> v instanceof Deduped.Duplicate, Branched.as("duplicate"))
                    .defaultBranch(Branched.as("fresh"));
            deduped.get("deduped-duplicate")
                    .mapValues(v -> ((Deduped.Duplicate) v).json(), Named.as("duplicate-value"))
                    .to(p.topics().dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dlq-duplicate"));
            accepted = deduped.get("deduped-fresh")
                    .mapValues(v -> ((Deduped.Fresh) v).request(), Named.as("fresh-request"));
        } else {
            accepted = keyById(decoded.get("decoded-accepted"), "key-by-id");
        }

        if (p.repartitionByHeader()) {
            StreamPartitioner<String, ProofRequest> byHeader = (topic, id, request, partitions) -> {
                var split = p.splitter().split(request.getCode());
                return Optional.of(Set.of(p.router().partition(split.headerDigest(), split.body(),
                        partitions)));
            };
            accepted = accepted.repartition(Repartitioned.with(Serdes.String(), requests)
                    .withName(BY_HEADER).withStreamPartitioner(byHeader));
        }

        KStream<String, Verified> hits = null;
        if (p.verdictCache().enabled()) {
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(VerdictCache.STORE), Serdes.String(), Serdes.ByteArray()));
            Map<String, KStream<String, Looked>> looked = accepted
                    .processValues(() -> new VerdictLookupProcessor(p.verdictCache(), p.listener(), p.instanceId(),
                            p.clock()), Named.as(VERDICT_LOOKUP), VerdictCache.STORE)
                    .split(Named.as("looked-"))
                    .branch((k, v) -> v instanceof Looked.Hit, Branched.as("hit"))
                    .defaultBranch(Branched.as("miss"));
            hits = looked.get("looked-hit").mapValues(v -> ((Looked.Hit) v).verified(), Named.as("hit-value"));
            accepted = looked.get("looked-miss").mapValues(v -> ((Looked.Miss) v).request(), Named.as("miss-request"));
        }

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DispatchProcessor.STORE),
                Serdes.String(), new InFlightSerde()));
        KStream<String, Verified> verified = accepted.process(
                () -> new DispatchProcessor(p.slots(), p.splitter(), p.results(), p.listener(), p.leanVersion(),
                        p.clock(), Parts.DRAIN_INTERVAL), Named.as(VERIFY), DispatchProcessor.STORE);
        if (hits != null) {
            verified = verified.processValues(() -> new VerdictStoreProcessor(p.verdictCache(), p.listener(),
                    p.clock()), Named.as(VERDICT_STORE), VerdictCache.STORE)
                    .merge(hits, Named.as("fresh-and-cached"));
        }
        KStream<String, VerificationResult> results = verified.mapValues(Verified::result, Named.as("result"));
        results.to(p.topics().results(), Produced.with(Serdes.String(), p.resultSerde()).withName("results"));
        tap.attach(builder, results, invalid);
        verified.filter((k, v) -> v.tactics() != null, Named.as("asked-for-tactics"))
                .mapValues(Verified::tactics, Named.as("tactics-value"))
                .to(p.topics().tactics(), Produced.with(Serdes.String(), p.tacticsSerde()).withName("tactics"));
        return builder.build();
    }

    private static KStream<String, ProofRequest> keyById(KStream<byte[], Decoded> accepted, String name) {
        return accepted.map((k, v) -> {
            ProofRequest r = ((Decoded.Accepted) v).request();
            return KeyValue.pair(r.getId(), r);
        }, Named.as(name));
    }
}
