package dev.leanverify.cli;

import dev.leanverify.client.UnreachableException;
import dev.leanverify.config.ConfigException;
import dev.leanverify.embedded.BrokerStartException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The one way every command reports a failure: one line on stderr, "leanverify: " and a
 * sentence saying what went wrong and what to do, and an exit code from {@link Main}'s list.
 * The stack trace goes to the log at debug level ({@code LEANVERIFY_LOG_LEVEL=debug}), never to
 * the user's terminal.
 */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** Prints the one line for a failure a command threw and returns its exit code. */
    static int report(Throwable thrown, PrintWriter err) {
        Throwable e = unwrap(thrown);
        LOG.debug("the command failed", thrown);
        int code;
        String message = oneLine(e.getMessage());
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            code = Main.USAGE;
        } else if (e instanceof UnreachableException) {
            code = Main.UNAVAILABLE;
        } else if (e instanceof IllegalStateException || e instanceof UncheckedIOException
                || e instanceof BrokerStartException) {
            code = Main.FAILED; // the environment refused; the message names what (a port, a file, a process)
        } else {
            code = Main.INTERNAL;
            message = "unexpected " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message)
                    + " (a bug: LEANVERIFY_LOG_LEVEL=debug logs the stack trace)";
        }
        err.println("leanverify: " + message);
        err.flush();
        return code;
    }

    /** One line for a command line picocli could not parse, with the way to the help. */
    static int reportUsage(CommandLine.ParameterException e, PrintWriter err) {
        LOG.debug("bad command line", e);
        StringBuilder line = new StringBuilder("leanverify: ").append(oneLine(e.getMessage()));
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
        }
        line.append(" — see `leanverify ").append(commandPath(e.getCommandLine())).append("--help`");
        err.println(line);
        err.flush();
        return Main.USAGE;
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    /** The failure behind wrappers that add nothing for the user (futures, executors). */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof CommandLine.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
