package dev.leanverify.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A real KRaft broker in this JVM: transactions, large records, restarts, ports and errors. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaBrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private EmbeddedKafkaBroker shared;

    @BeforeAll
    void startSharedBroker() {
        shared = new EmbeddedKafkaBroker(BrokerSettings.builder().build());
        long start = System.nanoTime();
        shared.start();
        System.out.printf("embedded broker started in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    void stopSharedBroker() {
        if (shared != null) {
            Path dir = shared.dataDir();
            shared.close();
            assertThat(dir).as("temporary data directory deleted on close").doesNotExist();
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        String topic = unique("tx");
        shared.createTopics(Map.of(topic, 4));
        shared.createTopics(Map.of(topic, 4)); // an existing topic is fine

        try (KafkaProducer<String, String> producer = transactionalProducer(shared.bootstrapServers())) {
            producer.initTransactions();
            send(producer, topic, "committed-a", 10);
            send(producer, topic, "aborted", 10);
            producer.abortTransaction();
            send(producer, topic, "committed-b", 10);
        }

        List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(shared.bootstrapServers(), topic, TIMEOUT);
        assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 10).boxed().flatMap(i -> List.of("committed-a-" + i, "committed-b-" + i).stream())
                        .collect(Collectors.toList()));
        assertThat(read).extracting(ConsumerRecord::partition).as("spread over the 4 partitions")
                .containsOnly(0, 1, 2, 3).hasSizeGreaterThan(1);
    }

    @Test
    void roundTripsATenMegabyteRecord() throws Exception {
        String topic = unique("large");
        shared.createTopic(topic, 1, Map.of("max.message.bytes", Integer.toString(12 * 1024 * 1024)));
        byte[] value = new byte[10 * 1024 * 1024];
        Arrays.fill(value, (byte) 'x');
        value[value.length - 1] = 'y';

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 12 * 1024 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 32 * 1024 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "big", value)).get();
        }

        List<ConsumerRecord<String, byte[]>> read = TopicReader.readCommittedBytes(shared.bootstrapServers(), topic, TIMEOUT);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).value()).isEqualTo(value);
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsTopicsAndCommittedRecords(@TempDir Path dir) {
        String topic = unique("kept");
        BrokerSettings settings = BrokerSettings.builder().dataDir(dir.resolve("data")).build();
        String clusterId;
        try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(settings)) {
            first.start();
            clusterId = first.clusterId();
            first.createTopics(Map.of(topic, 2));
            try (KafkaProducer<String, String> producer = transactionalProducer(first.bootstrapServers())) {
                producer.initTransactions();
                send(producer, topic, "before-restart", 5);
            }
        }
        assertThat(dir.resolve("data")).isDirectory();

        try (EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(settings)) {
            second.start();
            assertThat(second.clusterId()).isEqualTo(clusterId);
            List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(second.bootstrapServers(), topic, TIMEOUT);
            assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(
                    "before-restart-0", "before-restart-1", "before-restart-2", "before-restart-3", "before-restart-4");
        }
    }

    @Test
    void twoBrokersOnFreePortsRunSideBySide() {
        try (EmbeddedKafkaBroker other = new EmbeddedKafkaBroker(BrokerSettings.builder().build())) {
            other.start();
            assertThat(other.bootstrapServers()).isNotEqualTo(shared.bootstrapServers());
            assertThat(other.clusterId()).isNotEqualTo(shared.clusterId());
            String topic = unique("side");
            other.createTopics(Map.of(topic, 1));
            shared.createTopics(Map.of(topic, 1));
            try (KafkaProducer<String, String> a = transactionalProducer(other.bootstrapServers());
                 KafkaProducer<String, String> b = transactionalProducer(shared.bootstrapServers())) {
                a.initTransactions();
                b.initTransactions();
                send(a, topic, "other", 1);
                send(b, topic, "shared", 1);
            }
            assertThat(TopicReader.readCommitted(other.bootstrapServers(), topic, TIMEOUT))
                    .extracting(ConsumerRecord::value).containsExactly("other-0");
            assertThat(TopicReader.readCommitted(shared.bootstrapServers(), topic, TIMEOUT))
                    .extracting(ConsumerRecord::value).containsExactly("shared-0");
        }
    }

    @Test
    void refusesAPortInUseWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                    BrokerSettings.builder().port(taken.getLocalPort()).build());
            assertThatThrownBy(broker::start)
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
            broker.close();
        }
    }

    @Test
    void refusesAnUnusableDataDirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.builder().dataDir(file.resolve("data")).build());
        assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("cannot use data directory " + file.resolve("data"));
    }

    @Test
    void refusesADataDirectoryOfAnotherCluster(@TempDir Path dir) {
        try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(BrokerSettings.builder().dataDir(dir).build())) {
            first.start();
        }
        String otherId = org.apache.kafka.common.Uuid.randomUuid().toString();
        EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(
                BrokerSettings.builder().dataDir(dir).clusterId(otherId).build());
        assertThatThrownBy(second::start)
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("is formatted for cluster").hasMessageContaining(otherId);
    }

    private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("txid"),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code count} records in one transaction and commits it; the caller may abort instead. */
    private static void send(KafkaProducer<String, String> producer, String topic, String prefix, int count) {
        producer.beginTransaction();
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, prefix + "-key-" + i, prefix + "-" + i));
        }
        if (!prefix.startsWith("aborted")) {
            producer.commitTransaction();
        } else {
            producer.flush();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
