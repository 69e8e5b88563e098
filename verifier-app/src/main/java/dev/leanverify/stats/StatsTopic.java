package dev.leanverify.stats;

import dev.leanverify.config.StatsSettings;
import dev.leanverify.config.StreamSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the stats topic when it is missing: compacted (a reader needs only the latest aggregate
 * of each run), with the partition count and replication of the other topics.
 */
public final class StatsTopic {
    private static final Logger LOG = LoggerFactory.getLogger(StatsTopic.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Aggregates with a full per-problem table are large; the topic takes what the other topics take. */
    static final int MAX_MESSAGE_BYTES = 16 << 20;

    private StatsTopic() {
    }

    /** @throws IllegalStateException when the topic is missing and may not be created, or the cluster refuses */
    public static void ensure(StreamSettings s, StatsSettings stats, Properties clientProps) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            if (admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(stats.topic())) {
                return;
            }
            if (!s.createTopics()) {
                throw new IllegalStateException("topic " + stats.topic() + " (topics.stats) does not exist and"
                        + " topics.create=false; create it with cleanup.policy=compact or set stats.enabled=false");
            }
            NewTopic topic = new NewTopic(stats.topic(), Optional.of(s.partitions()), Optional.of(s.replicationFactor()))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                LOG.info("created compacted topic {} with {} partitions", stats.topic(), s.partitions());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + stats.topic() + " on " + s.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster at " + s.bootstrapServers() + " did not answer within "
                    + TIMEOUT.toSeconds() + " s (is bootstrap.servers right?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + stats.topic(), e);
        }
    }
}
