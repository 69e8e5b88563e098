package dev.leanverify.cli;

import dev.leanverify.embedded.BrokerSettings;
import dev.leanverify.embedded.BrokerStartException;
import dev.leanverify.embedded.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leanverify broker}: a standalone single-node Kafka (KRaft) broker on 127.0.0.1 for
 * development, so that the verifier and its tools can run against real Kafka without an
 * installation. Its data directory is kept, so topics and committed records survive restarts.
 *
 * <p>Prints one line, {@code broker ready at 127.0.0.1:PORT (data in DIR)}, once clients can
 * connect, then runs until SIGTERM or SIGINT, shuts the broker down cleanly and exits with 0
 * (see {@link StopOnSignal} for how a signalled JVM gets to exit with 0). Exit code 1 means the
 * broker could not start (the reason goes to stderr); 2 a bad option value.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a local single-node Kafka (KRaft) broker on 127.0.0.1 for development, until "
                + "SIGTERM or Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {
    /** How long the broker gets to shut down; the signal hook waits this plus a margin. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--port", defaultValue = "9092", paramLabel = "N",
            description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--controller-port", defaultValue = "0", paramLabel = "N",
            description = "KRaft controller port on 127.0.0.1 (default: a free port).")
    private int controllerPort;

    @Option(names = "--data-dir", defaultValue = "./.leanverify/broker-data", paramLabel = "DIR",
            description = "Directory for topics and records, kept across restarts (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BrokerSettings settings;
        try {
            settings = BrokerSettings.builder().port(port).controllerPort(controllerPort).dataDir(dataDir)
                    .closeTimeout(CLOSE_TIMEOUT).build();
        } catch (IllegalArgumentException e) {
            err.println("leanverify broker: " + e.getMessage());
            err.flush();
            return Main.USAGE;
        }
        StopOnSignal stop = StopOnSignal.install(CLOSE_TIMEOUT.plusSeconds(10), "broker");
        int code = 1;
        try {
            code = serve(settings, stop, err);
        } finally {
            stop.release(code);
        }
        return code;
    }

    private int serve(BrokerSettings settings, StopOnSignal stop, PrintWriter err) {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings)) {
            broker.start();
            PrintWriter out = spec.commandLine().getOut();
            out.println("broker ready at " + broker.bootstrapServers() + " (data in " + broker.dataDir() + ")");
            out.flush();
            stop.await();
            return 0;
        } catch (BrokerStartException e) {
            err.println("leanverify broker: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
