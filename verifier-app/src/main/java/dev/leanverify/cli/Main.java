package dev.leanverify.cli;

import dev.leanverify.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code leanverify} command line: picks a subcommand; only {@link #main} exits the JVM. */
@Command(name = "leanverify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Verifies Lean 4 proofs at scale on Kafka Streams.",
        subcommands = {CheckCommand.class, RunCommand.class, SubmitCommand.class, CollectCommand.class, DemoCommand.class, BenchCommand.class,
                BrokerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad usage or configuration. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (tests set its out and err). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("leanverify: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException) {
                // an environment problem (cluster unreachable, port taken): the message says which
                commandLine.getErr().println("leanverify: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        cl.setExitCodeExceptionMapper(e -> USAGE);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"leanverify " + (v == null ? "(development build)" : v)};
        }
    }
}
