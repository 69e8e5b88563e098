package dev.leanverify.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.StrictSettings;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.ReplLauncher;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.VerifierLimits;
import dev.leanverify.verify.strict.StrictChecker;
import java.util.Map;

/**
 * The cost of strict verification at zero Lean cost: the same proofs (attempts at a few problems,
 * as RL sends them) through {@link ProofVerifier#verify} without strict mode, strictly with the
 * reference cache on, and strictly with it off; with the verifier's own REPL requests per proof.
 */
final class StrictBench {
    /** Problems the attempts are spread over (the reference cache holds one entry per problem). */
    static final int PROBLEMS = 16;

    /** One mode's latencies per proof and the REPL requests the strict layers added per proof. */
    record Mode(Latencies verify, double extraRequestsPerProof) {
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("proofVerifierMs", verify.toJson3());
            o.put("extraReplRequestsPerProof", Math.round(extraRequestsPerProof * 1000) / 1000.0);
            return o;
        }
    }

    /** The three modes, measured on the same proofs. */
    record Figures(int proofs, Mode plain, Mode cached, Mode uncached) {
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("proofs", proofs);
            o.put("problems", PROBLEMS);
            o.set("nonStrict", plain.toJson());
            o.set("strictReferenceCached", cached.toJson());
            o.set("strictReferenceUncached", uncached.toJson());
            return o;
        }
    }

    private StrictBench() {
    }

    static Figures run(LeanSettings lean, ReplLauncher launcher, int proofs) {
        Mode plain = mode(lean, launcher, proofs, null);
        Mode cached = mode(lean, launcher, proofs, StrictSettings.defaults().strictByDefault());
        Mode uncached = mode(lean, launcher, proofs, StrictSettings.defaults().strictByDefault()
                .withReferenceCacheSize(0));
        return new Figures(proofs, plain, cached, uncached);
    }

    private static Mode mode(LeanSettings lean, ReplLauncher launcher, int proofs, StrictSettings strict) {
        double[] ms = new double[proofs];
        long requests = 0;
        try (ReplPool pool = new ReplPool(lean.pool(), launcher.named("bench-strict"))) {
            StrictChecker checker = new StrictChecker(strict == null ? StrictSettings.defaults() : strict);
            ProofVerifier verifier = new ProofVerifier(pool, new HeaderSplitter(false),
                    new VerifierLimits(lean.defaultTimeout(), lean.maxTimeout()), "simulated", Ticker.systemTicker(),
                    checker);
            for (int round = 0; round < 2; round++) { // the first round warms the JIT (and the cache) up
                long before = checker.requests();
                for (int i = 0; i < proofs; i++) {
                    int problem = i % PROBLEMS;
                    String statement = "theorem p" + problem + " (n : ℕ) (h : 0 < n) : n + 0 ≥ " + (problem % 2);
                    String code = "import Mathlib\n\n" + statement + " := by\n  simp\n  omega\n";
                    long t0 = System.nanoTime();
                    VerificationReport r = verifier.verify(new ProofJob("p" + i, code, null, false, null, Map.of(),
                            strict != null, strict == null ? null : statement));
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    if (r.status() != ProofStatus.VERIFIED) {
                        throw new IllegalStateException("proof " + i + " was " + r.status() + ": " + r.error());
                    }
                }
                requests = checker.requests() - before;
            }
        }
        return new Mode(Latencies.of(ms), (double) requests / proofs);
    }
}
