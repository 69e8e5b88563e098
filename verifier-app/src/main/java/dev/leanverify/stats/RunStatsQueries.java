package dev.leanverify.stats;

import dev.leanverify.schema.RunStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the run statistics store of this instance and says which instance owns a run: the
 * Kafka Streams side of the interactive queries ({@link RunsHttpHandler} is the HTTP side).
 */
public final class RunStatsQueries {
    private final KafkaStreams streams;
    private final HostInfo self;
    private final List<Integer> ks;

    /** Thrown while the store cannot be read here (rebalancing, restoring, or not running). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    public RunStatsQueries(KafkaStreams streams, HostInfo self, List<Integer> ks) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
        this.ks = List.copyOf(ks);
    }

    public HostInfo self() {
        return self;
    }

    /** Where a run's aggregate lives: its active host first, then its standbys. */
    public List<HostInfo> owners(String runId) {
        KeyQueryMetadata m = streams.queryMetadataForKey(StatsTopology.STORE, runId, Serdes.String().serializer());
        if (m == null || KeyQueryMetadata.NOT_AVAILABLE.equals(m)) {
            throw new Unavailable("the owner of run '" + runId + "' is not known yet (state "
                    + streams.state() + "); retry shortly");
        }
        List<HostInfo> hosts = new ArrayList<>();
        hosts.add(m.activeHost());
        hosts.addAll(m.standbyHosts());
        return hosts;
    }

    /** Every instance with the store (including this one). */
    public List<HostInfo> instances() {
        List<HostInfo> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(StatsTopology.STORE)) {
            hosts.add(m.hostInfo());
        }
        if (!hosts.contains(self)) {
            hosts.add(self);
        }
        return hosts;
    }

    /**
     * A run's aggregate from this instance's store.
     *
     * @param stale also read a standby copy (used when the active owner does not answer)
     */
    public Optional<RunStats> local(String runId, boolean stale) {
        RunAggregate a = store(stale).get(runId);
        if (a == null) {
            return Optional.empty();
        }
        var problems = streams.store(parameters(StatsTopology.PROBLEM_STORE, stale,
                QueryableStoreTypes.<String, long[]>keyValueStore()));
        return Optional.of(a.toRecord(ks, RunStatsProcessor.table(problems, runId)));
    }

    /** The runs whose active copy is on this instance. */
    public List<RunStats> localRuns() {
        List<RunStats> runs = new ArrayList<>();
        try (KeyValueIterator<String, RunAggregate> it = store(false).all()) {
            while (it.hasNext()) {
                KeyValue<String, RunAggregate> kv = it.next();
                runs.add(kv.value.toRecord(List.of()));
            }
        }
        return runs;
    }

    private static <T> StoreQueryParameters<T> parameters(String store, boolean stale,
                                                          org.apache.kafka.streams.state.QueryableStoreType<T> type) {
        var params = StoreQueryParameters.fromNameAndType(store, type);
        return stale ? params.enableStaleStores() : params;
    }

    private ReadOnlyKeyValueStore<String, RunAggregate> store(boolean stale) {
        try {
            return streams.store(parameters(StatsTopology.STORE, stale,
                    QueryableStoreTypes.<String, RunAggregate>keyValueStore()));
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            throw new Unavailable("the run statistics cannot be read on this instance now (state " + streams.state()
                    + ": " + e.getMessage() + "); retry shortly");
        }
    }
}
