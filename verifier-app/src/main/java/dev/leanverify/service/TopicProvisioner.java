package dev.leanverify.service;

import dev.leanverify.config.StreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the verifier's four topics when they are missing, with the configured partition count. */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicProvisioner() {
    }

    /**
     * Creates missing topics and returns the partition count of the proofs topic.
     *
     * @throws IllegalStateException when the cluster cannot be reached or refuses, saying which
     */
    public static int ensureTopics(StreamSettings s, Properties clientProps) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(s.topics().proofs(), s.topics().results(), s.topics().tactics(),
                    s.topics().dlq())) {
                if (!existing.contains(topic)) {
                    NewTopic t = new NewTopic(topic, Optional.of(s.partitions()), Optional.of(s.replicationFactor()));
                    int max = topic.equals(s.topics().dlq()) ? StreamsProperties.MAX_DEAD_LETTER_BYTES
                            : StreamsProperties.MAX_RECORD_BYTES;
                    t.configs(Map.of("max.message.bytes", Integer.toString(max)));
                    missing.add(t);
                }
            }
            if (!missing.isEmpty() && s.createTopics()) {
                try {
                    admin.createTopics(missing).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    LOG.info("created topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(),
                            s.partitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            } else if (!missing.isEmpty()) {
                throw new IllegalStateException("topics " + missing.stream().map(NewTopic::name).toList()
                        + " do not exist and topics.create=false");
            }
            return describeOnceKnown(admin, s.topics().proofs()).partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or describe topics on " + s.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster at " + s.bootstrapServers() + " did not answer within "
                    + TIMEOUT.toSeconds() + " s (is bootstrap.servers right?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Describes a topic, waiting (up to the timeout) while the broker does not know it yet: right
     * after it was created the broker may still answer "does not host this topic-partition".
     */
    private static TopicDescription describeOnceKnown(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("topic {} not known to the broker yet; asking again", topic);
                Thread.sleep(100); // metadata propagation has no event to wait on from an admin client
            }
        }
    }
}
