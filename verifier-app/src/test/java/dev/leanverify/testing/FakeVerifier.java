package dev.leanverify.testing;

import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.Tactic;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.Verifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A test double for the verifier (no Lean, no process): answers each job with the report a
 * function gives, records the jobs it saw, and can be put into shutdown. Lets processor and
 * topology tests check the stream side alone.
 */
public final class FakeVerifier implements Verifier {
    /** The version fake reports carry, so a test can tell them apart. */
    public static final String LEAN_VERSION = "fake";

    private final Function<ProofJob, VerificationReport> answers;
    private final List<ProofJob> jobs = new CopyOnWriteArrayList<>();
    private volatile boolean shuttingDown;

    public FakeVerifier(Function<ProofJob, VerificationReport> answers) {
        this.answers = answers;
    }

    /** VERIFIED for every proof, with one tactic when tactics were asked for. */
    public static FakeVerifier allVerified() {
        return new FakeVerifier(job -> report(job, ProofStatus.VERIFIED, null));
    }

    public static VerificationReport report(ProofJob job, ProofStatus status, String error) {
        List<Tactic> tactics = job.allTactics() ? List.of(new Tactic("trivial", "⊢ True", new Pos(1, 0), new Pos(1, 7), null, null, Extra.none()))
                : List.of();
        return new VerificationReport(job.id(), status, List.of(), List.of(), tactics, null, error, null, 1_000_000,
                true, "digest", "fake-repl", LEAN_VERSION);
    }

    @Override
    public VerificationReport verify(ProofJob job) {
        jobs.add(job);
        return answers.apply(job);
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown;
    }

    public void startShutdown() {
        shuttingDown = true;
    }

    /** Every job verified so far, in order. */
    public List<ProofJob> jobs() {
        return List.copyOf(jobs);
    }
}
