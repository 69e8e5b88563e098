package dev.leanverify.verify;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.StrictSettings;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.MemoryBudget;
import dev.leanverify.repl.ReplLauncher;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.protocol.ReplJson;
import dev.leanverify.verify.strict.StrictChecker;
import java.util.Objects;

/**
 * The one recipe that builds a verifier: REPL launcher, then a pool, then a {@link ProofVerifier},
 * all from the Lean settings, every pool sharing the factory's one {@link MemoryBudget}. Used by the app (one per Lean slot), {@code check} and the
 * bench, so the three cannot drift apart.
 */
public final class VerifierFactory {
    private final LeanSettings lean;
    private final ReplSpec spec;
    private final HeaderSplitter splitter;
    private final VerifierLimits limits;
    private final ReplLauncher launcher;
    private final StrictSettings strict;
    private final MemoryBudget memoryBudget;

    /** A factory whose verifiers check strictly only when a proof asks for it, with the default strict settings. */
    public VerifierFactory(LeanSettings lean, ReplSpec spec, String owner) {
        this(lean, StrictSettings.defaults(), spec, owner);
    }

    /** @param owner prefix of the REPL process names (an instance id, "check", ...) */
    public VerifierFactory(LeanSettings lean, StrictSettings strict, ReplSpec spec, String owner) {
        this.strict = Objects.requireNonNull(strict, "strict");
        this.lean = Objects.requireNonNull(lean, "lean");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.splitter = new HeaderSplitter(lean.mergeMathlibImports());
        this.limits = new VerifierLimits(lean.defaultTimeout(), lean.maxTimeout());
        this.launcher = new ReplLauncher(spec, new ReplJson(), Ticker.systemTicker(), owner);
        this.memoryBudget = MemoryBudget.of(lean.instanceMemory());
    }

    /**
     * A verifier with a pool of its own, whose REPL processes are named {@code name-N}. Not thread-safe;
     * its REPLs share this factory's memory budget with those of the factory's other verifiers.
     */
    public ProofVerifier create(String name) {
        return new ProofVerifier(new ReplPool(lean.pool(), launcher.named(name), memoryBudget), splitter, limits,
                spec.leanVersion(), Ticker.systemTicker(), new StrictChecker(strict));
    }

    /** The header splitter the verifiers use (routing and validation must split the same way). */
    public HeaderSplitter splitter() {
        return splitter;
    }

    /** Starts single REPL processes of the same spec, outside any pool. */
    public ReplLauncher launcher() {
        return launcher;
    }

    /** The one memory budget of all REPLs of this factory's verifiers (one factory per instance). */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    public ReplSpec spec() {
        return spec;
    }
}
