package dev.leanverify.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a simulated environment knows beyond the imports (which it cannot see): the declarations
 * commands added, each with the axioms it depends on (collected transitively when it was declared)
 * and its type as {@code pp.all} prints it, plus the instances and notation tokens user commands
 * put in scope. Immutable: each command makes a new one from its parent's.
 */
final class SimEnvironment {
    static final SimEnvironment EMPTY = new SimEnvironment(Map.of(), Map.of(), Set.of());

    /** A declaration: full name, the axioms it depends on, its type printed with pp.all and plainly. */
    record Declaration(List<String> name, Set<String> axioms, String ppAll, String plain) {
    }

    private final Map<String, Declaration> declarations;
    private final Map<String, String> instances;
    private final Set<String> notations;

    private SimEnvironment(Map<String, Declaration> declarations, Map<String, String> instances, Set<String> notations) {
        this.declarations = declarations;
        this.instances = instances;
        this.notations = notations;
    }

    Optional<Declaration> declaration(String dottedName) {
        return Optional.ofNullable(declarations.get(dottedName));
    }

    /** The user instance that now answers a class (e.g. Add), if a command declared one. */
    Optional<String> instanceOf(String className) {
        return Optional.ofNullable(instances.get(className));
    }

    boolean isNotation(String token) {
        return notations.contains(token);
    }

    /** A mutable copy to build the next environment in. */
    Builder toBuilder() {
        return new Builder(new HashMap<>(declarations), new HashMap<>(instances), new HashSet<>(notations));
    }

    /** Collects what one command adds. */
    static final class Builder {
        private final Map<String, Declaration> declarations;
        private final Map<String, String> instances;
        private final Set<String> notations;

        private Builder(Map<String, Declaration> declarations, Map<String, String> instances, Set<String> notations) {
            this.declarations = declarations;
            this.instances = instances;
            this.notations = notations;
        }

        Optional<Declaration> declaration(String dottedName) {
            return Optional.ofNullable(declarations.get(dottedName));
        }

        Optional<String> instanceOf(String className) {
            return Optional.ofNullable(instances.get(className));
        }

        boolean isNotation(String token) {
            return notations.contains(token);
        }

        void declare(Declaration d) {
            declarations.put(String.join(".", d.name()), d);
        }

        void instance(String className, String instanceName) {
            instances.put(className, instanceName);
        }

        void notation(String token) {
            notations.add(token);
        }

        /** The environment as it is now (later changes to the builder do not show in it). */
        SimEnvironment snapshot() {
            return new SimEnvironment(Map.copyOf(declarations), Map.copyOf(instances), Set.copyOf(notations));
        }
    }
}
