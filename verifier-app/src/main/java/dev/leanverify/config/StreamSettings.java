package dev.leanverify.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;

/**
 * Typed settings of the Kafka side: topics, formats, routing, de-duplication, input limits.
 * Keys outside this class's namespaces are passed to Kafka Streams as they are.
 */
public record StreamSettings(String bootstrapServers, String applicationId, int streamThreads, Slots slots, Topics topics,
                             int partitions, short replicationFactor, boolean createTopics, OutputFormat outputFormat,
                             String schemaRegistryUrl, boolean repartitionByHeader, int routingWindowRecords,
                             boolean dedupEnabled, Duration dedupRetention, RequestLimits requestLimits,
                             ResultLimits resultLimits, long brokerMaxTransactionMs, int preferredMaxPollRecords,
                             String instanceId) {

    public static final Set<String> KEYS = Set.of(
            "topics.proofs", "topics.results", "topics.tactics", "topics.dlq", "topics.partitions",
            "topics.replication.factor", "topics.create", "output.format", "schema.registry.url",
            "routing.repartition", "routing.window.records", "dedup.enabled", "dedup.retention.hours",
            "request.max.code.bytes", "request.max.id.chars", "request.max.metadata.bytes",
            "result.infotree.max.bytes", "result.messages.max", "result.message.max.chars",
            "broker.transaction.max.timeout.ms", "instance.id", "pool.slots.per.thread", "pool.inflight.per.thread");

    /** Stream threads the Lean slots of a machine are spread over by default: one per this many cores. */
    static final int DEFAULT_SLOTS_PER_THREAD_MAX = 32;

    /** Namespaces that belong to leanverify: a key in one of them must be a known key. */
    public static final Set<String> OWN_PREFIXES = Set.of("lean.", "pool.", "topics.", "output.", "schema.registry.",
            "routing.", "dedup.", "request.", "result.", "broker.", "instance.", "metrics.", "health.", "strict.", "stats.", "verdict.");

    public static StreamSettings from(Settings s) {
        int cores = Runtime.getRuntime().availableProcessors();
        // A stream thread only routes records and writes results; Lean runs in the slots. So a few
        // threads each own many slots; by default one Lean slot per core in all.
        int threads = s.integer("num.stream.threads", (cores + DEFAULT_SLOTS_PER_THREAD_MAX - 1)
                / DEFAULT_SLOTS_PER_THREAD_MAX, 1, 1024);
        int slots = s.integer("pool.slots.per.thread", Math.max(1, (cores + threads - 1) / threads), 1, 4096);
        int inFlight = s.integer("pool.inflight.per.thread", 2 * slots, 1, 1 << 20);
        if (inFlight < slots) {
            throw new ConfigException("pool.inflight.per.thread (" + inFlight + ") must be at least"
                    + " pool.slots.per.thread (" + slots + "): each slot needs a proof to run");
        }
        int partitions = s.integer("topics.partitions", Math.max(8, threads), 1, 100_000);
        boolean dedup = s.bool("dedup.enabled", true);
        boolean repartition = s.bool("routing.repartition", true);
        if (!repartition && dedup) {
            throw new ConfigException("routing.repartition=false needs dedup.enabled=false: de-duplication re-keys"
                    + " proofs by id, which would undo the producer's header partitioning");
        }
        OutputFormat format = s.choice("output.format", OutputFormat.JSON, OutputFormat.class);
        String registry = s.string("schema.registry.url", "");
        if (format == OutputFormat.AVRO && registry.isEmpty()) {
            throw new ConfigException("output.format=avro needs schema.registry.url (http://host:8081, or mock://NAME"
                    + " for an in-memory registry)");
        }
        return new StreamSettings(
                s.string("bootstrap.servers", "localhost:9092"),
                s.string("application.id", "leanverify"),
                threads,
                new Slots(slots, inFlight),
                new Topics(s.string("topics.proofs", "lean.proofs"), s.string("topics.results", "lean.results"),
                        s.string("topics.tactics", "lean.tactics"), s.string("topics.dlq", "lean.proofs.dlq")),
                partitions,
                (short) s.integer("topics.replication.factor", -1, -1, 32),
                s.bool("topics.create", true),
                format,
                registry,
                repartition,
                s.integer("routing.window.records", 2000, 10, 10_000_000),
                dedup,
                Duration.ofHours(s.integer("dedup.retention.hours", 24, 1, 24 * 365)),
                new RequestLimits(s.integer("request.max.code.bytes", 1 << 20, 16, 64 << 20),
                        s.integer("request.max.id.chars", 512, 1, 1 << 16),
                        s.integer("request.max.metadata.bytes", 64 << 10, 0, 16 << 20)),
                new ResultLimits(s.integer("result.infotree.max.bytes", 1 << 20, 0, 64 << 20),
                        s.integer("result.messages.max", 1000, 1, 1_000_000),
                        s.integer("result.message.max.chars", 16 << 10, 64, 16 << 20)),
                s.longValue("broker.transaction.max.timeout.ms", 900_000, 1000, Integer.MAX_VALUE),
                // One record per poll: a transaction then holds one proof, and a rebalance waits for
                // one proof at most. A poll costs tens of microseconds; a Lean proof, milliseconds at least.
                s.integer("consumer.max.poll.records", s.integer("max.poll.records", 1, 1, 100_000), 1, 100_000),
                s.string("instance.id", defaultInstanceId()));
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /**
     * The Lean slots of each stream thread.
     *
     * @param perThread  proofs a stream thread has Lean verify at once (one REPL process each)
     * @param inFlight   proofs a stream thread has queued or running at most; at the bound it stops taking records
     */
    public record Slots(int perThread, int inFlight) {
    }

    /** Names of the four topics. */
    public record Topics(String proofs, String results, String tactics, String dlq) {
    }

    /** What a request may hold before it is rejected as INVALID_REQUEST. */
    public record RequestLimits(int maxCodeBytes, int maxIdChars, int maxMetadataBytes) {
    }

    /** Caps that keep a result record well under Kafka's message size. */
    public record ResultLimits(int maxInfotreeBytes, int maxMessages, int maxMessageChars) {
    }
}
