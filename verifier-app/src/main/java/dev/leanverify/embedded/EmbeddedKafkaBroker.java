package dev.leanverify.embedded;

import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (one KRaft node acting as broker and controller) running
 * inside this JVM and listening on 127.0.0.1 only: for local runs, the {@code broker} command
 * and integration tests, where a separate Kafka installation would be one more thing to set up.
 *
 * <p>{@link #start()} formats the data directory on first use (like {@code kafka-storage.sh
 * format --standalone}), starts the node and returns once it answers clients. A broker starts
 * once; to restart, {@link #close()} it and create a new one on the same data directory.
 *
 * <p>Built on Kafka's internal {@code kafka.server.KafkaRaftServer} and
 * {@code kafka.tools.StorageTool}, which may change between Kafka versions. Kafka's handlers
 * for fatal faults end the JVM, as they would a standalone broker's; one such fault is a
 * controller port that cannot be bound, which is why both ports are checked before Kafka
 * binds them (a port taken in between still ends the JVM).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final BrokerSettings settings;
    private State state = State.NEW;
    private DataDirectory data;
    private KafkaRaftServer server;
    private int port;
    private String clusterId;

    /** A broker that {@link #start()} starts; nothing is touched before that. */
    public EmbeddedKafkaBroker(BrokerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Formats the data directory if new, starts the broker and waits until it answers a
     * describe-cluster request, all within the start timeout.
     *
     * @throws BrokerStartException saying why (port in use, unusable or foreign data directory,
     *                              broker failure or timeout); everything started is stopped again
     * @throws IllegalStateException if this broker was started before
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a broker starts once; create a new one on the same data directory to restart");
        }
        state = State.CLOSED;
        long startNanos = System.nanoTime();
        long deadline = startNanos + settings.startTimeout().toNanos();
        boolean started = false;
        try {
            int chosenPort = FreePorts.resolve(settings.port(), "port");
            int controllerPort = FreePorts.resolve(settings.controllerPort(), "controller port");
            while (controllerPort == chosenPort) {
                controllerPort = FreePorts.pick();
            }
            data = DataDirectory.prepare(settings.dataDir());
            Properties props = BrokerProperties.of(chosenPort, controllerPort, data.logDir(), settings.extraProperties());
            clusterId = KraftStorage.prepare(data.logDir(), data.root().resolve("format.properties"), props,
                    settings.clusterId());
            port = chosenPort;
            startServer(props, deadline);
            BrokerAdmin.awaitReady(BrokerProperties.HOST + ":" + port, deadline, settings.startTimeout());
            started = true;
        } finally {
            if (!started) {
                stopServer();
                if (data != null) {
                    data.deleteIfTemporary();
                }
            }
        }
        state = State.RUNNING;
        LOG.info("Kafka broker ready at {} in {} ms (cluster {}, data in {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), clusterId, data.root());
    }

    /** {@code 127.0.0.1:PORT}, for the clients' {@code bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        requireRunning();
        return BrokerProperties.HOST + ":" + port;
    }

    /** The client port, resolved from the settings (0 there means a free port chosen at start). */
    public synchronized int port() {
        requireRunning();
        return port;
    }

    /** The directory holding the broker's data; a temporary one exists only once started. */
    public synchronized Path dataDir() {
        if (data != null) {
            return data.root();
        }
        return settings.dataDir().map(p -> p.toAbsolutePath().normalize()).orElseThrow(() ->
                new IllegalStateException("the temporary data directory is created by start()"));
    }

    /** The cluster id formatted in the data directory. */
    public synchronized String clusterId() {
        requireRunning();
        return clusterId;
    }

    /**
     * Creates topics with the given partition counts and replication factor 1; topics that
     * already exist are left as they are.
     *
     * @throws IllegalStateException if the broker is not running or refuses a topic (the message names it)
     */
    public void createTopics(Map<String, Integer> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        BrokerAdmin.createTopics(bootstrapServers(), partitions.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                .collect(Collectors.toList()));
    }

    /**
     * Creates one topic with topic configs (such as {@code max.message.bytes}) unless it exists.
     *
     * @throws IllegalStateException if the broker is not running or refuses the topic
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        BrokerAdmin.createTopics(bootstrapServers(), List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    /**
     * Shuts the broker down cleanly, waiting at most the close timeout (a broker that does not
     * stop in time is left behind with a warning), then deletes a temporary data directory.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state != State.RUNNING) {
            state = State.CLOSED; // a failed start has already cleaned up
            return;
        }
        state = State.CLOSED;
        long startNanos = System.nanoTime();
        stopServer();
        data.deleteIfTemporary();
        LOG.info("Kafka broker at 127.0.0.1:{} stopped in {} ms", port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private void startServer(Properties props, long deadline) {
        KafkaRaftServer created;
        try {
            created = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new BrokerStartException("cannot start the Kafka broker: " + e.getMessage(), e);
        }
        server = created;
        FutureTask<Void> startup = new FutureTask<>(created::startup, null);
        daemon(startup, "embedded-kafka-startup");
        try {
            startup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw startFailure(e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerStartException("the Kafka broker did not start within " + settings.startTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while starting the Kafka broker", e);
        }
    }

    private BrokerStartException startFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new BrokerStartException("the Kafka broker cannot listen on 127.0.0.1 (port " + port
                        + " or its controller port is already in use): " + e.getMessage(), e);
            }
        }
        return new BrokerStartException("the Kafka broker failed to start: " + e, e);
    }

    private void stopServer() {
        KafkaRaftServer running = server;
        server = null;
        if (running == null) {
            return;
        }
        FutureTask<Void> shutdown = new FutureTask<>(() -> {
            running.shutdown();
            running.awaitShutdown();
        }, null);
        daemon(shutdown, "embedded-kafka-shutdown");
        // Waits through interrupts: a caller stopping because it was interrupted still wants the broker closed.
        boolean interrupted = false;
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        try {
            while (true) {
                try {
                    shutdown.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    LOG.warn("the Kafka broker at 127.0.0.1:{} failed while shutting down", port, e.getCause());
                    return;
                } catch (TimeoutException e) {
                    LOG.warn("the Kafka broker at 127.0.0.1:{} did not shut down within {}; leaving it behind", port,
                            settings.closeTimeout());
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the broker is " + (state == State.NEW ? "not started" : "closed"));
        }
    }
}
