package dev.leanverify.verify.strict;

import java.util.List;
import java.util.Objects;

/** What Lean answered to the verifier's {@code #print axioms NAME}, read fail-closed. */
public sealed interface AxiomAnswer {

    /** A well-formed answer about the name asked for: the axioms (empty for none), in Lean's order. */
    record Axioms(List<String> axioms) implements AxiomAnswer {
        public Axioms {
            axioms = List.copyOf(axioms);
        }
    }

    /** No usable answer (missing, extra, about another name, an error, garbled): never a pass. */
    record Unreadable(String reason) implements AxiomAnswer {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
