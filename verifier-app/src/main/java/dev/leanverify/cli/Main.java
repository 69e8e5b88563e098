package dev.leanverify.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code leanverify} command line: picks a subcommand; only {@link #main} exits the JVM. */
@Command(name = "leanverify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Verifies Lean 4 proofs at scale on Kafka Streams.",
        subcommands = {CheckCommand.class, RunCommand.class, SubmitCommand.class, CollectCommand.class, DemoCommand.class, BenchCommand.class,
                BrokerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /**
     * Exit code: the command ran but not everything succeeded (a proof not VERIFIED, a run incomplete, a record
     * skipped), or the environment refused (a port taken, a file that cannot be written).
     */
    public static final int FAILED = 1;
    /** Exit code: bad usage or configuration (an unknown option or setting, a bad value, a missing file). */
    public static final int USAGE = 2;
    /** Exit code: Kafka or the schema registry does not answer, or a topic the command needs does not exist. */
    public static final int UNAVAILABLE = 3;
    /** Exit code: a bug (EX_SOFTWARE); the stack trace is logged at debug level. */
    public static final int INTERNAL = 70;

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
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> Failures.report(e, commandLine.getErr()));
        cl.setParameterExceptionHandler((e, args) -> Failures.reportUsage(e, e.getCommandLine().getErr()));
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
