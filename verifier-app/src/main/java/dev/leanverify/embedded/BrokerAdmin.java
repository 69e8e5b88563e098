package dev.leanverify.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What the embedded broker asks of itself through the admin client, as any client would:
 * whether it answers yet, and topic creation.
 */
final class BrokerAdmin {
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private BrokerAdmin() {
    }

    /**
     * Returns once the broker at {@code bootstrap} lists at least one live node in a
     * describe-cluster answer.
     *
     * @param deadline a {@link System#nanoTime()} value
     * @throws BrokerStartException if no such answer came before the deadline
     */
    static void awaitReady(String bootstrap, long deadline, Duration timeout) {
        try (Admin admin = create(bootstrap)) {
            Exception last = null;
            while (true) {
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new BrokerStartException("the Kafka broker at " + bootstrap + " did not accept connections"
                            + " within " + timeout + (last == null ? "" : ": " + last), last);
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) remainingMs))
                            .nodes().get(remainingMs, TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    last = (Exception) e.getCause();
                } catch (TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("interrupted while waiting for the Kafka broker at " + bootstrap, e);
                }
            }
        }
    }

    /**
     * Creates the topics; those that exist already are left as they are.
     *
     * @throws IllegalStateException naming the topic that could not be created
     */
    static void createTopics(String bootstrap, Collection<NewTopic> topics) {
        try (Admin admin = create(bootstrap)) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("topic " + entry.getKey() + " not created within " + TOPIC_TIMEOUT, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + entry.getKey(), e);
                }
            }
        }
    }

    private static Admin create(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "leanverify-embedded-broker"));
    }
}
