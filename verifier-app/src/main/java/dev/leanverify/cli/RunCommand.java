package dev.leanverify.cli;

import dev.leanverify.client.KafkaReachability;
import dev.leanverify.client.RegistryReachability;
import dev.leanverify.config.AppSettings;
import dev.leanverify.config.ConnectCheck;
import dev.leanverify.config.Settings;
import dev.leanverify.embedded.BrokerSettings;
import dev.leanverify.embedded.EmbeddedKafkaBroker;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.service.VerifierService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code leanverify run}: runs a verifier instance until SIGTERM, against the configured Kafka
 * cluster or, with {@code --embedded}, a local broker started in this process with an in-memory
 * schema registry. On SIGTERM it stops the stream threads, kills every REPL and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a verifier instance until SIGTERM or Ctrl-C.",
                "Scale out by starting more instances with the same application.id."})
final class RunCommand implements Callable<Integer> {
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    LeanOptions lean;

    @Option(names = "--embedded", description = "Start a local Kafka broker in this process (and use an in-memory"
            + " schema registry) instead of connecting to bootstrap.servers.")
    boolean embedded;

    @Option(names = "--broker-port", paramLabel = "N", defaultValue = "9092",
            description = "With --embedded: the broker's port on 127.0.0.1, 0 for any (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./.leanverify/embedded-broker",
            description = "With --embedded: where the broker keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = lean.settings(Map.of());
        ReplCommandCheck.requireProgram(AppSettings.from(settings).lean()); // fail on bad settings before starting anything
        checkReachable(settings, !embedded);
        StopOnSignal stop = StopOnSignal.install(CLOSE_TIMEOUT.plusSeconds(15), "run");
        int code = 1;
        EmbeddedKafkaBroker broker = null;
        VerifierService service = null;
        try {
            if (embedded) {
                broker = new EmbeddedKafkaBroker(BrokerSettings.builder().port(brokerPort).dataDir(dataDir).build());
                broker.start();
                Map<String, String> local = new HashMap<>();
                local.put("bootstrap.servers", broker.bootstrapServers());
                if (settings.get("schema.registry.url").isEmpty()) {
                    local.put("schema.registry.url", "mock://leanverify");
                }
                if (settings.get("topics.replication.factor").isEmpty()) {
                    local.put("topics.replication.factor", "1");
                }
                settings = settings.with(local);
                out.println("embedded Kafka broker at " + broker.bootstrapServers() + " (data in " + broker.dataDir() + ")");
            }
            AppSettings app = AppSettings.from(settings);
            if (app.lean().simulate()) {
                Notices.simulated(err);
            }
            service = VerifierService.create(app, new SchemaRegistries());
            service.start(Duration.ofMinutes(2));
            out.printf("leanverify running: instance %s, %d stream thread(s) x %d Lean slot(s), reading %s,"
                            + " writing %s%s%n", app.stream().instanceId(), app.stream().streamThreads(),
                    app.stream().slots().perThread(), app.stream().topics().proofs(),
                    app.stream().topics().results(),
                    service.metricsPort() >= 0 ? ", metrics on :" + service.metricsPort() + "/metrics" : "");
            out.flush();
            stop.await();
            code = 0;
        } finally {
            if (service != null) {
                service.close(CLOSE_TIMEOUT);
            }
            if (broker != null) {
                broker.close();
            }
            out.println("leanverify stopped");
            out.flush();
            stop.release(code);
        }
        return code;
    }

    /** Kafka answers (and an HTTP registry, when one is set) before any topic is created or thread started. */
    private static void checkReachable(Settings settings, boolean kafka) {
        ConnectCheck check = ConnectCheck.from(settings);
        if (!check.enabled()) {
            return;
        }
        AppSettings app = AppSettings.from(settings);
        Properties p = new Properties();
        app.kafkaProperties().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, app.stream().bootstrapServers());
        if (kafka) {
            KafkaReachability.check(p, check.timeout(), List.of());
        }
        RegistryReachability.check(app.stream().schemaRegistryUrl(), check.timeout());
    }
}
