package dev.leanverify.repl;

import java.util.Locale;

/** Why a REPL process was closed. */
public enum Retirement {
    /** A proof ran past its time limit. */
    TIMEOUT,
    /** The process exited or closed its output. */
    CRASH,
    /** The process wrote something that is not a protocol response. */
    GARBAGE,
    /** The process tree went above its memory limit. */
    MEMORY,
    /** The REPL answered with a protocol error that leaves its state in doubt. */
    PROTOCOL_ERROR,
    /** The process could not be started. */
    START_FAILED,
    /** Its import header failed to load. */
    HEADER_FAILED,
    /** It reached its maximum number of uses. */
    RECYCLED,
    /** The pool was over its process count and this one was the least valuable. */
    EVICTED,
    /** The pool, or the instance, was over its memory budget. */
    MEMORY_BUDGET,
    /** The pool was closed. */
    SHUTDOWN;

    /** The name used in metric tags: lower case with dashes. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Why a process that failed this way is closed. */
    public static Retirement of(ReplOutcome.Failure failure) {
        return switch (failure) {
            case TIMEOUT -> TIMEOUT;
            case CRASH -> CRASH;
            case GARBAGE -> GARBAGE;
            case MEMORY -> MEMORY;
            case START_FAILED -> START_FAILED;
            case INTERRUPTED -> SHUTDOWN;
        };
    }
}
