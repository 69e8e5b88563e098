package dev.leanverify.metrics;

import dev.leanverify.verify.ThreadVerifiers;
import dev.leanverify.verify.ProofVerifier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Readiness: Kafka Streams is RUNNING and no REPL pool's last start attempt failed (a REPL that
 * cannot start makes the instance degraded: its proofs get INTERNAL_ERROR results).
 */
public final class HealthCheck implements Supplier<Health> {
    private final Supplier<KafkaStreams.State> state;
    private final ThreadVerifiers verifiers;
    private final boolean sandboxed;

    public HealthCheck(Supplier<KafkaStreams.State> state, ThreadVerifiers verifiers) {
        this(state, verifiers, false);
    }

    /** @param sandboxed whether the REPLs run in the sandbox (reported, not a condition of readiness) */
    public HealthCheck(Supplier<KafkaStreams.State> state, ThreadVerifiers verifiers, boolean sandboxed) {
        this.state = state;
        this.verifiers = verifiers;
        this.sandboxed = sandboxed;
    }

    @Override
    public Health get() {
        KafkaStreams.State s = state.get();
        if (s != KafkaStreams.State.RUNNING) {
            return new Health(false, "Kafka Streams is " + s, sandboxed);
        }
        for (ProofVerifier v : verifiers.all()) {
            String failure = v.pool().stats().lastStartFailure();
            if (failure != null) {
                return new Health(false, "degraded: the Lean REPL cannot start: " + failure, sandboxed);
            }
        }
        return new Health(true, "Kafka Streams is RUNNING; REPLs start"
                + (sandboxed ? "" : "; REPLs are NOT sandboxed"), sandboxed);
    }
}
