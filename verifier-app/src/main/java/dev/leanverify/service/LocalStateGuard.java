package dev.leanverify.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Never lets local state outlive its cluster. Kafka Streams trusts a state directory's
 * checkpoints: on a fresh cluster (or after an application reset, or with another partition
 * count) an empty changelog counts as "restored", so a stale de-duplication store survives and
 * dead-letters ids the new cluster has never seen. Before start this guard compares the state's
 * {@link StateBinding} with the cluster met now and wipes the state ({@code KafkaStreams.cleanUp()})
 * when they differ, saying why in one line; once running it records the internal topics too.
 */
public final class LocalStateGuard {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStateGuard.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Properties adminProps;
    private final String applicationId;
    private final String proofsTopic;
    private final String topologyDigest;
    private final Path dir;

    /**
     * @param adminProps    client settings (bootstrap servers, security) for an admin client
     * @param stateDir      this instance's state.dir (its {@link StateSlot})
     */
    public LocalStateGuard(Properties adminProps, String applicationId, String proofsTopic, TopologyDescription topology,
                           Path stateDir) {
        this.adminProps = new Properties();
        this.adminProps.putAll(adminProps);
        this.adminProps.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        this.proofsTopic = Objects.requireNonNull(proofsTopic, "proofsTopic");
        this.topologyDigest = digest(topology.toString());
        this.dir = Objects.requireNonNull(stateDir, "stateDir");
    }

    /**
     * Before Kafka Streams starts: wipes the local state with {@code cleanUp} when it was built
     * against another cluster or layout (or nobody knows what it was built against), then records
     * the current binding. Returns the reason the state was wiped, if it was.
     */
    public Optional<String> bindOrWipe(Runnable cleanUp) {
        StateBinding now = current();
        Optional<StateBinding> recorded = StateBinding.read(dir);
        Optional<String> reason = recorded.isPresent() ? recorded.get().mismatch(now)
                : hasLocalState() ? Optional.of("nothing records which Kafka cluster it belongs to") : Optional.empty();
        if (reason.isPresent()) {
            LOG.warn("wiping the local state in {}: {}", dir, reason.get());
            cleanUp.run();
        }
        now.write(dir);
        return reason;
    }

    /** Once running (the internal topics exist): records their partition counts in the binding. */
    public void recordInternalTopics() {
        current().write(dir);
    }

    private boolean hasLocalState() {
        Path appDir = dir.resolve(applicationId);
        if (!Files.isDirectory(appDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(appDir)) {
            return entries.anyMatch(Files::isDirectory); // task directories; Kafka Streams' own files do not count
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster as it is now: its id, the proofs topic's partitions, this application's internal topics. */
    StateBinding current() {
        try (Admin admin = Admin.create(adminProps)) {
            String clusterId = admin.describeCluster().clusterId().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<String> internal = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(applicationId + "-")
                            && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                    .toList();
            List<String> wanted = Stream.concat(Stream.of(proofsTopic), internal.stream()).toList();
            Map<String, TopicDescription> described = admin.describeTopics(wanted).allTopicNames()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<String, Integer> internalPartitions = new TreeMap<>();
            for (String t : internal) {
                internalPartitions.put(t, described.get(t).partitions().size());
            }
            return new StateBinding(String.valueOf(clusterId), proofsTopic,
                    described.get(proofsTopic).partitions().size(), topologyDigest, internalPartitions);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the Kafka cluster at "
                    + adminProps.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster at " + adminProps.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster", e);
        }
    }

    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
