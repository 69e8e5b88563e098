package dev.leanverify.verify;

import dev.leanverify.repl.ReplOutcome;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.ReplResponse;
import java.util.Locale;

/** Maps what Lean and the REPL process did to a proof status. */
public final class StatusRules {
    private StatusRules() {
    }

    /** Lean's verdict on an answered command: an error fails it, a sorry leaves it incomplete. */
    public static ProofStatus ofCommand(ReplResponse.Command response) {
        if (response.hasError()) {
            return ProofStatus.LEAN_ERROR;
        }
        if (!response.sorriesOrEmpty().isEmpty()) {
            return ProofStatus.SORRY;
        }
        for (Message m : response.messagesOrEmpty()) {
            if (isSorryWarning(m)) {
                return ProofStatus.SORRY;
            }
        }
        return ProofStatus.VERIFIED;
    }

    /** Lean prints "declaration uses 'sorry'" (older) or "declaration uses `sorry`" (newer). */
    static boolean isSorryWarning(Message m) {
        return "warning".equals(m.severity()) && m.data().startsWith("declaration uses ")
                && m.data().contains("sorry");
    }

    /** The status of a request the REPL did not answer. */
    public static ProofStatus ofFailure(ReplOutcome.Failure failure, String detail) {
        return switch (failure) {
            case TIMEOUT -> ProofStatus.TIMEOUT;
            case MEMORY -> ProofStatus.RESOURCE_LIMIT;
            case CRASH, GARBAGE -> looksLikeOutOfMemory(detail) ? ProofStatus.RESOURCE_LIMIT : ProofStatus.REPL_CRASH;
            case START_FAILED, INTERRUPTED -> ProofStatus.INTERNAL_ERROR;
        };
    }

    /** A process under a hard address-space limit dies with one of these when it reaches it. */
    static boolean looksLikeOutOfMemory(String detail) {
        String d = detail.toLowerCase(Locale.ROOT);
        return d.contains("out of memory") || d.contains("std::bad_alloc") || d.contains("cannot allocate memory");
    }
}
