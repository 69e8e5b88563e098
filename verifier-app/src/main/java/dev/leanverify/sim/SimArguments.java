package dev.leanverify.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simulator's command line into its settings. A few lines by hand rather than picocli:
 * the simulator is started once per REPL process and must start fast.
 */
final class SimArguments {
    static final String USAGE = "usage: SimulatedRepl [--recordings DIR]... [--time-scale F] [--header-load-ms N]"
            + " [--header-memory-mb N] [--start-delay-ms N] [--fail-start] [--wait]";

    private SimArguments() {
    }

    /**
     * @throws IllegalArgumentException naming the bad argument
     */
    static SimulatedReplCommand parse(String... args) {
        SimulatedReplCommand settings = SimulatedReplCommand.defaults();
        List<Path> recordings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--fail-start")) {
                settings = settings.withFailStart(true);
                continue;
            }
            if (arg.equals("--wait")) {
                settings = settings.withWaitCost(true);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value; " + USAGE);
                }
                value = args[++i];
            }
            switch (arg) {
                case "--recordings" -> recordings.add(Path.of(value));
                case "--time-scale" -> settings = settings.withTimeScale(number(arg, value));
                case "--header-load-ms" -> settings = settings.withHeaderLoadMs(whole(arg, value));
                case "--header-memory-mb" -> settings = settings.withHeaderMemoryMb(whole(arg, value));
                case "--start-delay-ms" -> settings = settings.withStartDelayMs(whole(arg, value));
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
            }
        }
        return settings.withRecordings(recordings.toArray(Path[]::new));
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'", e);
        }
    }

    private static long whole(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'", e);
        }
    }
}
