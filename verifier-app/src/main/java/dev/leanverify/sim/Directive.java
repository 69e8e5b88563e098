package dev.leanverify.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code -- sim: NAME [ARGS]} comment in a command: an instruction to the simulated REPL to
 * misbehave or cost something, so that tests can script what a real Lean process does on a bad day.
 *
 * @param kind what to do
 * @param argument the text after the name (trimmed; empty when none)
 * @param amount the argument as a number, for the kinds that take one (0 otherwise)
 * @param line the 1-based line of the comment in the submitted command
 */
record Directive(Kind kind, String argument, double amount, int line) {

    /** The directives the simulator knows, by the word that names them. */
    enum Kind {
        COST("cost", Arg.NUMBER),
        SLEEP("sleep", Arg.NUMBER),
        ERROR("error", Arg.TEXT),
        WARNING("warning", Arg.TEXT),
        INFO("info", Arg.TEXT),
        CRASH("crash", Arg.NONE),
        EXIT("exit", Arg.INTEGER),
        HANG("hang", Arg.NONE),
        SLEEP_HANG("sleep-hang", Arg.NONE),
        GARBAGE("garbage", Arg.NONE),
        PARTIAL("partial", Arg.NONE),
        STDERR_FLOOD("stderr-flood", Arg.NUMBER),
        MEMORY("memory", Arg.NUMBER),
        MEMORY_GROW("memory-grow", Arg.NUMBER),
        SPAWN_CHILD("spawn-child", Arg.NONE),
        WRITE_FILE("write-file", Arg.TEXT),
        OPEN_SOCKET("open-socket", Arg.TEXT),
        /** For the stand-in kernel replay ({@link SimulatedReplay}): refuse with this text. The REPL ignores it. */
        REPLAY_FAIL("replay-fail", Arg.TEXT),
        READ_FILE("read-file", Arg.TEXT),
        READ_ENV("read-env", Arg.TEXT),
        SPAWN_DAEMON("spawn-daemon", Arg.TEXT),
        SPAWN_MANY("spawn-many", Arg.INTEGER),
        FILL_SCRATCH("fill-scratch", Arg.NUMBER);

        final String word;
        final Arg arg;

        Kind(String word, Arg arg) {
            this.word = word;
            this.arg = arg;
        }

        static Optional<Kind> named(String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(k -> k.word.equals(lower)).findFirst();
        }
    }

    /** What a kind expects after its name. */
    enum Arg {
        NONE, NUMBER, INTEGER, TEXT
    }

    Directive {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(argument, "argument");
    }

    /**
     * Reads the text after {@code sim:}.
     *
     * @throws IllegalArgumentException naming the problem when the directive is unknown or its
     *     argument is wrong (the simulator reports that as an error message of the command)
     */
    static Directive parse(String text, int line) {
        String body = text.strip();
        int space = body.indexOf(' ');
        String word = space < 0 ? body : body.substring(0, space);
        String argument = space < 0 ? "" : body.substring(space + 1).strip();
        Kind kind = Kind.named(word).orElseThrow(() -> new IllegalArgumentException("unknown sim directive `" + word
                + "` (known: " + String.join(", ", Arrays.stream(Kind.values()).map(k -> k.word).toList()) + ")"));
        double amount = 0;
        if (kind.arg == Arg.TEXT && argument.isEmpty() && kind.ordinal() >= Kind.WRITE_FILE.ordinal()) {
            throw new IllegalArgumentException("sim directive `" + kind.word + "` needs an argument");
        }
        if (kind.arg == Arg.NUMBER || kind.arg == Arg.INTEGER) {
            try {
                amount = kind.arg == Arg.INTEGER ? Integer.parseInt(argument) : Double.parseDouble(argument);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sim directive `" + kind.word + "` needs a number, got `"
                        + argument + "`", e);
            }
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                throw new IllegalArgumentException("sim directive `" + kind.word
                        + "` needs a finite non-negative number, got `" + argument + "`");
            }
        }
        return new Directive(kind, argument, amount, line);
    }
}
