package dev.leanverify.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.Settings;
import dev.leanverify.repl.ReplOutcome;
import dev.leanverify.repl.ReplProcess;
import dev.leanverify.repl.ReplStartException;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.ReplSpecs;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.VerifierFactory;
import java.time.Duration;
import java.util.Map;

/**
 * The REPL driver's own cost, without Kafka: round trips of trivial commands to a zero-cost
 * simulated REPL process, measured around {@link ReplProcess#send} (framing, pipes, the other
 * process, parsing) and around {@link ProofVerifier#verify} (plus the header split, the pool and
 * position shifting). Runs in the benchmark's JVM after a warm-up of the same size.
 */
final class DriverBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What was measured, in milliseconds per request. */
    record Figures(int requests, Latencies send, Latencies verify, StrictBench.Figures strict) {
        Figures(int requests, Latencies send, Latencies verify) {
            this(requests, send, verify, null);
        }

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("requests", requests);
            o.set("replSendMs", send.toJson3());
            o.set("proofVerifierMs", verify.toJson3());
            if (strict != null) {
                o.set("strict", strict.toJson());
            }
            return o;
        }
    }

    private DriverBench() {
    }

    static Figures run(int requests) throws ReplStartException {
        LeanSettings lean = LeanSettings.from(Settings.empty().with(Map.of("lean.simulate", "true",
                "lean.sim.recordings", "none", "pool.max.uses", Integer.toString(Integer.MAX_VALUE))));
        VerifierFactory factory = new VerifierFactory(lean, ReplSpecs.from(lean, SimulatedReplCommand::commandLineFor),
                "bench-driver");
        double[] send = new double[requests];
        try (ReplProcess repl = factory.launcher().start()) {
            ReplOutcome header = repl.send(ReplRequest.Command.of("import Mathlib", null), TIMEOUT);
            if (!(header instanceof ReplOutcome.Answered a) || !(a.response() instanceof ReplResponse.Command c)
                    || c.env() == null) {
                throw new IllegalStateException("the simulated REPL did not load a header: " + header);
            }
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    ReplOutcome o = repl.send(ReplRequest.Command.of("theorem t" + i + " : True := trivial", c.env()),
                            TIMEOUT);
                    send[i] = (System.nanoTime() - t0) / 1e6;
                    if (!(o instanceof ReplOutcome.Answered)) {
                        throw new IllegalStateException("request " + i + " failed: " + o);
                    }
                }
            }
        }
        double[] verify = new double[requests];
        try (ProofVerifier verifier = factory.create("bench-driver-pool")) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    VerificationReport r = verifier.verify(new ProofJob("p" + i,
                            "import Mathlib\n\ntheorem t" + i + " : True := trivial\n", null, false, null, Map.of()));
                    verify[i] = (System.nanoTime() - t0) / 1e6;
                    if (r.status() != ProofStatus.VERIFIED) {
                        throw new IllegalStateException("proof " + i + " was " + r.status() + ": " + r.error());
                    }
                }
            }
        }
        StrictBench.Figures strict = StrictBench.run(lean, factory.launcher(), Math.min(requests, 2000));
        return new Figures(requests, Latencies.of(send), Latencies.of(verify), strict);
    }
}
