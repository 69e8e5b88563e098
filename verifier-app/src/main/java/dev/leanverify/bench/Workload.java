package dev.leanverify.bench;

import java.util.List;
import java.util.Objects;

/**
 * A benchmark's input: the proofs to submit, each with the Lean work the simulated REPL will burn
 * for it, so that the ideal wall time can be computed from the work alone.
 */
record Workload(String name, String description, List<Proof> proofs) {

    /**
     * One proof.
     *
     * @param workMs CPU time the simulated REPL spends on the body (its cost model), in milliseconds
     */
    record Proof(String id, String code, double workMs) {
        Proof {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(code, "code");
        }
    }

    Workload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        proofs = List.copyOf(proofs);
        if (proofs.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one proof");
        }
    }

    /** The sum of every proof's work, in milliseconds. */
    double totalWorkMs() {
        return proofs.stream().mapToDouble(Proof::workMs).sum();
    }

    /** The work of the distinct proof texts only: what Lean must do when no proof is run twice. */
    double uniqueWorkMs() {
        java.util.Map<String, Double> unique = new java.util.HashMap<>();
        proofs.forEach(p -> unique.putIfAbsent(p.code(), p.workMs()));
        return unique.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** How many proofs repeat an earlier proof's text. */
    int repeats() {
        return size() - (int) proofs.stream().map(Proof::code).distinct().count();
    }

    int size() {
        return proofs.size();
    }

    /** The first {@code n} proofs (all when there are fewer). */
    Workload first(int n) {
        return new Workload(name, description + ", first " + Math.min(n, size()),
                proofs.subList(0, Math.min(n, size())));
    }
}
