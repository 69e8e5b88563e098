package dev.leanverify.repl;

import dev.leanverify.repl.protocol.ReplResponse;
import java.util.Objects;

/** The result of asking a pool for a REPL with a given header loaded. */
public sealed interface Acquired {

    /** A REPL that had the header loaded already. */
    record Warm(ReplSession session) implements Acquired {
        public Warm {
            Objects.requireNonNull(session, "session");
        }
    }

    /** A fresh REPL that just loaded the header, in {@code loadNanos}. */
    record Loaded(ReplSession session, long loadNanos) implements Acquired {
        public Loaded {
            Objects.requireNonNull(session, "session");
        }
    }

    /** Lean rejected the header itself (e.g. an unknown module): the proof fails there. */
    record HeaderRejected(ReplResponse response, long loadNanos) implements Acquired {
        public HeaderRejected {
            Objects.requireNonNull(response, "response");
        }
    }

    /** No REPL could be had: it did not start, crashed, or ran past the header timeout. */
    record Unavailable(ReplOutcome.Failure failure, String detail, long loadNanos) implements Acquired {
        public Unavailable {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
