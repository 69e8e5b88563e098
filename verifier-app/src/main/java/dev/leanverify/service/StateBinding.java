package dev.leanverify.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What local state was built against: the Kafka cluster (its id), the partition count of the
 * proofs topic, the topology (a digest of its description: stores and sub-topologies) and the
 * partition counts of the application's internal topics once they exist. Kept as a properties
 * file beside the state; state whose binding differs from the cluster met at start is wiped.
 *
 * @param internalTopics internal topic name to partition count (empty before the first run created them)
 */
public record StateBinding(String clusterId, String proofsTopic, int proofsPartitions, String topology,
                           Map<String, Integer> internalTopics) {
    static final String FILE = "leanverify-state-binding.properties";
    private static final String INTERNAL = "internal.topic.";

    public StateBinding {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(proofsTopic, "proofsTopic");
        Objects.requireNonNull(topology, "topology");
        internalTopics = Map.copyOf(internalTopics);
    }

    /**
     * Why local state bound to {@code this} must not be used on {@code now}, or empty when it
     * may. Internal topics recorded here must still exist with the same partition count (gone:
     * the application was reset); topics created since are fine.
     */
    public Optional<String> mismatch(StateBinding now) {
        if (!clusterId.equals(now.clusterId)) {
            return Optional.of("it belongs to Kafka cluster " + clusterId + ", this is cluster " + now.clusterId);
        }
        if (!proofsTopic.equals(now.proofsTopic) || proofsPartitions != now.proofsPartitions) {
            return Optional.of("it was built for " + proofsTopic + " with " + proofsPartitions + " partitions, now "
                    + now.proofsTopic + " has " + now.proofsPartitions);
        }
        if (!topology.equals(now.topology)) {
            return Optional.of("the topology changed (dedup.enabled, routing.repartition or a new version)");
        }
        for (Map.Entry<String, Integer> t : new TreeMap<>(internalTopics).entrySet()) {
            Integer partitions = now.internalTopics.get(t.getKey());
            if (partitions == null) {
                return Optional.of("internal topic " + t.getKey() + " no longer exists (was the application reset?)");
            }
            if (!partitions.equals(t.getValue())) {
                return Optional.of("internal topic " + t.getKey() + " has " + partitions + " partitions, the state was"
                        + " built with " + t.getValue());
            }
        }
        return Optional.empty();
    }

    /** The binding recorded in {@code dir}, if any (an unreadable one counts as none). */
    public static Optional<StateBinding> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            Map<String, Integer> internal = new TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(INTERNAL)) {
                    internal.put(key.substring(INTERNAL.length()), Integer.parseInt(p.getProperty(key)));
                }
            }
            return Optional.of(new StateBinding(p.getProperty("cluster.id"), p.getProperty("proofs.topic"),
                    Integer.parseInt(p.getProperty("proofs.partitions")), p.getProperty("topology"), internal));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records this binding in {@code dir} (written to a temporary file and moved into place). */
    public void write(Path dir) {
        Properties p = new Properties();
        p.setProperty("cluster.id", clusterId);
        p.setProperty("proofs.topic", proofsTopic);
        p.setProperty("proofs.partitions", Integer.toString(proofsPartitions));
        p.setProperty("topology", topology);
        internalTopics.forEach((t, n) -> p.setProperty(INTERNAL + t, Integer.toString(n)));
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "the Kafka cluster and topic layout the local state next to this file was built against");
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the state binding in " + dir, e);
        }
    }
}
