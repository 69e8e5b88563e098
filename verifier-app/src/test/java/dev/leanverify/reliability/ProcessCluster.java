package dev.leanverify.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A scenario's processes, each a separate OS process as in production: a standalone broker
 * ({@code leanverify broker}) and verifier instances ({@code leanverify run --config FILE}) with
 * the simulated REPL. Everything lives in {@code target/reliability/<scenario>/}: broker data,
 * state directories (kept across restarts of an instance), config files and each process's log.
 */
final class ProcessCluster implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern METRICS_PORT = Pattern.compile("metrics on :(\\d+)/metrics");

    private final String scenario;
    private final Path dir;
    private final Path projectDir;
    private final int brokerPort;
    private final int controllerPort;
    private final List<App> apps = new ArrayList<>();
    private JavaProcess broker;
    private int brokerRuns;
    private Path brokerData;

    private ProcessCluster(String scenario, Path dir, int brokerPort, int controllerPort) {
        this.scenario = scenario;
        this.dir = dir;
        this.projectDir = dir.resolve("lean-project");
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.brokerData = dir.resolve("broker-data");
    }

    /** Makes a fresh scenario directory and starts the broker process. */
    static ProcessCluster start(String scenario) {
        Path dir = Path.of("target", "reliability", scenario).toAbsolutePath();
        deleteTree(dir);
        try {
            Files.createDirectories(dir.resolve("lean-project"));
            // writable for the sandboxed REPLs too (they run as an unprivileged uid when the tests run as root)
            Files.setPosixFilePermissions(dir.resolve("lean-project"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessCluster cluster = new ProcessCluster(scenario, dir, freePort(), freePort());
        cluster.startBroker();
        return cluster;
    }

    /** Starts (or restarts) the broker on the same ports and data directory. */
    void startBroker() {
        if (broker != null && broker.isAlive()) {
            throw new IllegalStateException("the broker runs already");
        }
        brokerRuns++;
        broker = JavaProcess.start("broker-" + brokerRuns, dir, List.of("-Xmx256m", "-XX:+UseSerialGC"),
                List.of("broker", "--port", Integer.toString(brokerPort), "--controller-port",
                        Integer.toString(controllerPort), "--data-dir", brokerData.toString()));
        broker.awaitLine("broker ready at", START_TIMEOUT);
    }

    /**
     * Throws the cluster away and starts a new one on the same ports: the broker is stopped and
     * started on a new, empty data directory (a new cluster id, no topics, no committed offsets),
     * as a developer does who deletes a local cluster's data. State directories are kept.
     */
    void replaceBroker() {
        if (broker != null && broker.isAlive()) {
            stopBroker(Duration.ofSeconds(60));
        }
        brokerData = dir.resolve("broker-data-" + (brokerRuns + 1));
        startBroker();
    }

    /** Stops the broker with SIGTERM and checks that it exits 0. */
    int stopBroker(Duration timeout) {
        return broker.sigterm(timeout);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    Path dir() {
        return dir;
    }

    /** Where every REPL of this scenario runs (see {@link ReplScan}). */
    Path projectDir() {
        return projectDir;
    }

    String topic(String kind) {
        return scenario + "." + kind;
    }

    /** The settings every instance of this scenario shares; tests may change them before starting apps. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap.servers", bootstrapServers());
        s.put("application.id", "reliability-" + scenario);
        s.put("topics.proofs", topic("proofs"));
        s.put("topics.results", topic("results"));
        s.put("topics.tactics", topic("tactics"));
        s.put("topics.dlq", topic("dlq"));
        s.put("topics.partitions", "4");
        s.put("topics.replication.factor", "1");
        s.put("num.stream.threads", "2");
        s.put("lean.simulate", "true");
        // the scenarios watch the REPLs through their working directory: the sandbox lets them write there
        s.put("lean.sandbox.rw.paths", projectDir.toString());
        s.put("lean.sim.recordings", "none");
        s.put("lean.sim.time.scale", "0.001");
        s.put("lean.project.dir", projectDir.toString());
        s.put("lean.timeout.default.seconds", "10");
        s.put("lean.timeout.max.seconds", "20");
        s.put("lean.header.timeout.seconds", "20");
        s.put("metrics.port", "0");
        s.put("metrics.bind.address", "127.0.0.1");
        // several JVMs starting at once on two loaded cores can take longer than the operator-facing
        // 10 s to get the broker's first answer; the scenarios are about what happens after that
        s.put("connect.check.timeout.ms", "60000");
        s.put("commit.interval.ms", "100");
        // A killed instance holds its partitions until its session expires: keep that short.
        s.put("session.timeout.ms", "6000");
        s.put("heartbeat.interval.ms", "1500");
        return s;
    }

    /**
     * Starts instance {@code name} ({@code leanverify run --config FILE}) and waits until it
     * runs. An instance started again under the same name keeps its state directory (and so its
     * Kafka Streams process id and transactional ids), as a restarted production instance does.
     */
    App startApp(String name, Map<String, String> settings) {
        return awaitRunning(launchApp(name, settings));
    }

    /** Starts instance {@code name} like {@link #startApp} but does not wait for it to run. */
    App launchApp(String name, Map<String, String> settings) {
        long run = apps.stream().filter(a -> a.name.equals(name)).count() + 1;
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("state.dir", dir.resolve("state-" + name).toString());
        s.put("instance.id", name + "-run" + run);
        Path config = dir.resolve(name + "-run" + run + ".properties");
        Properties props = new Properties();
        props.putAll(s);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(w, "reliability scenario " + scenario);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaProcess process = JavaProcess.start(name + "-run" + run, dir, List.of("-Xmx384m", "-XX:+UseSerialGC"),
                List.of("run", "--config", config.toString()));
        App app = new App(name, s.get("instance.id"), process);
        apps.add(app);
        return app;
    }

    /** Waits until {@code app} prints that it runs. */
    App awaitRunning(App app) {
        String running = app.process.awaitLine("leanverify running:", START_TIMEOUT);
        Matcher m = METRICS_PORT.matcher(running);
        app.metricsPort = m.find() ? Integer.parseInt(m.group(1)) : -1;
        return app;
    }

    /**
     * Writes {@code settings} as they are (no state.dir, no instance.id: the defaults apply) to
     * {@code configName}.properties in the scenario directory and starts {@code count} instances
     * from that directory with that one file, as an operator scales on one host. Does not wait.
     */
    List<App> launchSharingOneConfig(String configName, Map<String, String> settings, int count) {
        Path config = dir.resolve(configName + ".properties");
        Properties props = new Properties();
        props.putAll(settings);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(w, "reliability scenario " + scenario + ", shared by every instance");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<App> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = configName + "-" + i;
            JavaProcess process = JavaProcess.start(name, dir, List.of("-Xmx384m", "-XX:+UseSerialGC"),
                    List.of("run", "--config", config.toString()));
            App app = new App(name, null, process);
            apps.add(app);
            started.add(app);
        }
        return started;
    }

    /** Waits until the proofs topic exists (the first instance creates it at start). */
    void awaitProofsTopic(Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            while (!admin.listTopics().names().get().contains(topic("proofs"))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("topic " + topic("proofs") + " not created within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("cannot list topics", e);
        }
    }

    /** Sends JSON proof records (key null: the verifier routes them) and waits for the acks. */
    List<RecordMetadata> send(List<byte[][]> keyValues) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (byte[][] kv : keyValues) {
                acks.add(producer.send(new ProducerRecord<>(topic("proofs"), kv[0], kv[1])));
            }
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> f : acks) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("producing to " + topic("proofs") + " failed", e);
        }
    }

    CommittedReader reader(Ledger ledger) {
        return new CommittedReader(bootstrapServers(), ledger, List.of(topic("results")), topic("dlq"));
    }

    /** Kills every process still running (SIGKILL for apps, SIGTERM for the broker). */
    @Override
    public void close() {
        for (App a : apps) {
            a.process.close();
        }
        if (broker != null && broker.isAlive()) {
            try {
                broker.sigterm(Duration.ofSeconds(60));
            } catch (AssertionError e) {
                broker.close();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One running verifier instance (an OS process). */
    static final class App {
        final String name;
        final String instanceId;
        final JavaProcess process;
        int metricsPort;

        App(String name, String instanceId, JavaProcess process) {
            this.name = name;
            this.instanceId = instanceId;
            this.process = process;
        }
    }
}
