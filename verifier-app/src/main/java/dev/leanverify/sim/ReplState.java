package dev.leanverify.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one simulated REPL process remembers, like the real one: environments and proof states are
 * numbered from 0 in the order they are made, and every one made stays valid for the life of the
 * process. Also remembers which import headers this process has already loaded (each costs once).
 */
final class ReplState {
    private int environments;
    private int proofStates;
    private final Set<String> loadedHeaders = new HashSet<>();
    private final Map<Integer, SimEnvironment> declarations = new HashMap<>();

    int newEnvironment() {
        return environments++;
    }

    int newProofState() {
        return proofStates++;
    }

    /** The id the next environment will get. */
    int peekEnvironment() {
        return environments;
    }

    /** The id the next proof state will get. */
    int peekProofState() {
        return proofStates;
    }

    boolean hasEnvironment(int id) {
        return id >= 0 && id < environments;
    }

    boolean hasProofState(int id) {
        return id >= 0 && id < proofStates;
    }

    /** A recorded answer was replayed as it is: ids up to the one it names now exist. */
    void sawEnvironment(int id) {
        environments = Math.max(environments, id + 1);
    }

    void sawProofState(int id) {
        proofStates = Math.max(proofStates, id + 1);
    }

    /** What environment {@code id} knows of declarations (empty for one made without rules, or unknown). */
    SimEnvironment declarations(Integer id) {
        return id == null ? SimEnvironment.EMPTY : declarations.getOrDefault(id, SimEnvironment.EMPTY);
    }

    void rememberDeclarations(int id, SimEnvironment env) {
        declarations.put(id, env);
    }

    /** Marks a header as loaded; true the first time only. */
    boolean firstLoadOf(String headerKey) {
        return loadedHeaders.add(headerKey);
    }
}
