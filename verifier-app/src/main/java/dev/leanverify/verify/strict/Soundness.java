package dev.leanverify.verify.strict;

import dev.leanverify.repl.protocol.Pos;
import java.util.List;
import java.util.Objects;

/**
 * What strict verification found for a proof Lean accepted: the layer that refused it (null when
 * none did), the axioms of each declaration, the statement outcome, forbidden commands (positions
 * in the submitted code's coordinates) and the kernel replay's verdict.
 *
 * @param replay null when no replay ran; "passed" or the tail of the tool's output
 */
public record Soundness(Layer layer, List<DeclarationAxioms> axioms, StatementOutcome statement,
                        String statementDetail, List<Finding> findings, String replay) {

    public Soundness {
        axioms = List.copyOf(axioms);
        Objects.requireNonNull(statement, "statement");
        findings = List.copyOf(findings);
    }

    /** The axioms one declaration depends on, as Lean answered the verifier's own request. */
    public record DeclarationAxioms(String declaration, List<String> axioms) {
        public DeclarationAxioms {
            Objects.requireNonNull(declaration, "declaration");
            axioms = List.copyOf(axioms);
        }
    }

    /** A forbidden command, as written, and where it starts in the submission. */
    public record Finding(String command, Pos pos) {
        public Finding {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public String toString() {
            return command + " at " + pos.line() + ":" + pos.column();
        }
    }

    /** True when no layer refused the proof. */
    public boolean passed() {
        return layer == null;
    }
}
