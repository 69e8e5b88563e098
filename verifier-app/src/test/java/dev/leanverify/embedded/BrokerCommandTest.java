package dev.leanverify.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.cli.BrokerCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code broker} command: as a separate OS process stopped by SIGTERM, and in-process. */
@Tag("integration")
class BrokerCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void runsAsAProcessServesClientsAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path data = dir.resolve("broker-data");
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), BrokerCommandMain.class.getName(),
                "--port", Integer.toString(port), "--data-dir", data.toString())
                .redirectError(stderr.toFile())
                .start();
        try {
            long started = System.nanoTime();
            String ready = readyLine(process).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.out.printf("broker process ready in %d ms, resident memory %s%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), residentMemory(process));
            assertThat(ready).isEqualTo("broker ready at 127.0.0.1:" + port + " (data in " + data + ")");

            String bootstrap = "127.0.0.1:" + port;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("through-the-process", 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("through-the-process", "k" + i, "v" + i)).get();
                }
            }
            assertThat(TopicReader.readCommitted(bootstrap, "through-the-process", TIMEOUT))
                    .extracting(ConsumerRecord::value).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");

            long stopping = System.nanoTime();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("exited in time").isTrue();
            System.out.printf("broker process stopped in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
            assertThat(process.exitValue()).as("exit code; stderr:%n%s", Files.readString(stderr)).isZero();
            assertThat(data.resolve("kafka").resolve("meta.properties")).as("data kept").exists();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void stopsInProcessWhenItsThreadIsInterrupted(@TempDir Path dir) throws Exception {
        CompletableFuture<String> ready = new CompletableFuture<>();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BrokerCommand())
                .setOut(new PrintWriter(new LineSink(ready)))
                .setErr(new PrintWriter(err));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread thread = new Thread(() -> exitCode.set(command.execute("--port", "0",
                "--data-dir", dir.toString())), "broker-command");
        thread.start();
        try {
            assertThat(ready.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .matches("broker ready at 127\\.0\\.0\\.1:\\d+ \\(data in " + java.util.regex.Pattern.quote(
                            dir.toString()) + "\\)");
        } finally {
            thread.interrupt();
            thread.join(TIMEOUT.toMillis());
        }
        assertThat(thread.isAlive()).isFalse();
        assertThat(exitCode.get()).as("exit code; stderr: %s", err).isZero();
    }

    @Test
    void reportsATakenPortAndExitsOne(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            int code = new CommandLine(new BrokerCommand()).setErr(new PrintWriter(err))
                    .execute("--port", Integer.toString(taken.getLocalPort()), "--data-dir", dir.toString());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("leanverify broker: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void rejectsAnImpossiblePortAsUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new BrokerCommand()).setErr(new PrintWriter(err))
                .execute("--port", "70000", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("port must be between 0 and 65535");
    }

    private static CompletableFuture<String> readyLine(Process process) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("broker ready")) {
                        ready.complete(line);
                    }
                }
                ready.completeExceptionally(new AssertionError("stdout ended without a ready line"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "broker-stdout");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private static String residentMemory(Process process) throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.substring("VmRSS:".length()).trim()).findFirst().orElse("unknown");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Completes a future with the first line written that starts with "broker ready". */
    private static final class LineSink extends Writer {
        private final StringBuilder buffer = new StringBuilder();
        private final CompletableFuture<String> ready;

        LineSink(CompletableFuture<String> ready) {
            this.ready = ready;
        }

        @Override
        public synchronized void write(char[] chars, int off, int len) {
            buffer.append(chars, off, len);
            int newline;
            while ((newline = buffer.indexOf("\n")) >= 0) {
                String line = buffer.substring(0, newline).strip();
                buffer.delete(0, newline + 1);
                if (line.startsWith("broker ready")) {
                    ready.complete(line);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
