package dev.leanverify.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Sorry;
import dev.leanverify.repl.protocol.Tactic;
import dev.leanverify.verify.strict.Soundness;
import java.util.List;
import java.util.Objects;

/**
 * What the verifier found for one proof, positions in the coordinates of the submitted code.
 *
 * @param headerLoadNanos time to start a REPL and load the header; null when a warm one was reused
 * @param leanNanos       round trip of the body through the REPL
 * @param error           why the status is not Lean's own verdict, or null
 * @param soundness       what strict verification found; null when the proof was not checked strictly
 */
public record VerificationReport(String id, ProofStatus status, List<Message> messages, List<Sorry> sorries,
                                 List<Tactic> tactics, JsonNode infotree, String error, Long headerLoadNanos,
                                 long leanNanos, boolean headerCacheHit, String headerDigest, String replId,
                                 String leanVersion, Soundness soundness) {

    /** A report without strict verification. */
    public VerificationReport(String id, ProofStatus status, List<Message> messages, List<Sorry> sorries,
                              List<Tactic> tactics, JsonNode infotree, String error, Long headerLoadNanos,
                              long leanNanos, boolean headerCacheHit, String headerDigest, String replId,
                              String leanVersion) {
        this(id, status, messages, sorries, tactics, infotree, error, headerLoadNanos, leanNanos, headerCacheHit,
                headerDigest, replId, leanVersion, null);
    }

    public VerificationReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        messages = List.copyOf(messages);
        sorries = List.copyOf(sorries);
        tactics = List.copyOf(tactics);
        Objects.requireNonNull(leanVersion, "leanVersion");
    }

    /** A verdict reached without Lean (invalid input, internal failure). */
    public static VerificationReport rejected(String id, ProofStatus status, String error, String leanVersion) {
        return new VerificationReport(id, status, List.of(), List.of(), List.of(), null, error, null, 0, false,
                null, null, leanVersion);
    }
}
