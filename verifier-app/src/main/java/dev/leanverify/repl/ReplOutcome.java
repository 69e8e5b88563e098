package dev.leanverify.repl;

import dev.leanverify.repl.protocol.ReplResponse;
import java.util.Objects;

/** What became of one request to a REPL process: its answer, or why there is none. */
public sealed interface ReplOutcome {

    /** Nanoseconds from sending the request to the answer or the failure. */
    long elapsedNanos();

    /** The REPL answered with a well-formed response. */
    record Answered(ReplResponse response, long elapsedNanos) implements ReplOutcome {
        public Answered {
            Objects.requireNonNull(response, "response");
        }
    }

    /** The REPL gave no usable answer; the process has been killed. */
    record Failed(Failure failure, String detail, long elapsedNanos) implements ReplOutcome {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a request got no answer. */
    enum Failure {
        /** No answer within the request's time limit. */
        TIMEOUT,
        /** The process exited or closed its output. */
        CRASH,
        /** The output was not a response of the protocol (or too large). */
        GARBAGE,
        /** The process tree went above its memory limit. */
        MEMORY,
        /** The process never got going: the command could not be executed. */
        START_FAILED,
        /** The waiting thread was interrupted (shutdown). */
        INTERRUPTED
    }
}
