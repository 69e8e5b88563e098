package dev.leanverify.verify;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.repl.Acquired;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.ReplOutcome;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSession;
import dev.leanverify.repl.Retirement;
import dev.leanverify.repl.SplitSource;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.config.StrictSettings;
import dev.leanverify.verify.strict.Soundness;
import dev.leanverify.verify.strict.StrictChecker;
import dev.leanverify.verify.strict.StrictOutcome;
import java.util.List;
import java.util.Objects;

/**
 * Verifies proofs with one thread's REPL pool: splits off the import header, runs the body in a
 * REPL that has the header loaded, and turns whatever happens into a {@link VerificationReport}
 * with positions in the submitted code's coordinates. Never throws for what Lean or the REPL
 * process does. Not thread-safe: one per thread, like its pool.
 */
public final class ProofVerifier implements Verifier, AutoCloseable {
    private final ReplPool pool;
    private final HeaderSplitter splitter;
    private final VerifierLimits limits;
    private final String leanVersion;
    private final Ticker ticker;
    private final StrictChecker strict;

    /** A verifier with strict verification at its defaults (off unless a proof asks for it). */
    public ProofVerifier(ReplPool pool, HeaderSplitter splitter, VerifierLimits limits, String leanVersion,
                         Ticker ticker) {
        this(pool, splitter, limits, leanVersion, ticker, new StrictChecker(StrictSettings.defaults()));
    }

    public ProofVerifier(ReplPool pool, HeaderSplitter splitter, VerifierLimits limits, String leanVersion,
                         Ticker ticker, StrictChecker strict) {
        this.strict = Objects.requireNonNull(strict, "strict");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.leanVersion = Objects.requireNonNull(leanVersion, "leanVersion");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    @Override
    public VerificationReport verify(ProofJob job) {
        SplitSource source = splitter.split(job.code());
        Acquired acquired = pool.acquire(source);
        if (acquired instanceof Acquired.Unavailable u) {
            String detail = u.failure() == ReplOutcome.Failure.START_FAILED
                    ? "the Lean REPL could not be started: " + u.detail() : u.detail();
            return failure(job, source, StatusRules.ofFailure(u.failure(), u.detail()), detail, u.loadNanos(), null);
        }
        if (acquired instanceof Acquired.HeaderRejected rejected) {
            return headerRejected(job, source, rejected);
        }
        ReplSession session;
        Long loadNanos;
        if (acquired instanceof Acquired.Loaded loaded) {
            session = loaded.session();
            loadNanos = loaded.loadNanos();
        } else {
            session = ((Acquired.Warm) acquired).session();
            loadNanos = null;
        }
        ReplRequest.Command body = new ReplRequest.Command(source.body(), session.headerEnv(),
                job.allTactics() ? Boolean.TRUE : null, null, job.infotree(), Extra.none());
        ReplOutcome outcome = session.process().send(body, limits.effective(job.timeout()));
        String replId = session.process().id();
        if (outcome instanceof ReplOutcome.Failed failed) {
            pool.release(session, Retirement.of(failed.failure()));
            return new VerificationReport(job.id(), StatusRules.ofFailure(failed.failure(), failed.detail()), List.of(),
                    List.of(), List.of(), null, failed.detail(), loadNanos, failed.elapsedNanos(), loadNanos == null,
                    source.headerDigest(), replId, leanVersion);
        }
        ReplResponse response = ((ReplOutcome.Answered) outcome).response();
        long leanNanos = outcome.elapsedNanos();
        if (response instanceof ReplResponse.Command command) {
            ProofStatus status = StatusRules.ofCommand(command);
            String error = null;
            Soundness soundness = null;
            Retirement retirement = null;
            if (status == ProofStatus.VERIFIED && strictFor(job)) {
                if (command.env() == null) {
                    status = ProofStatus.INTERNAL_ERROR;
                    error = "strict check: the REPL gave the proof no environment to query";
                } else {
                    StrictOutcome checked = strict.check(session, command.env(), source, job.code(), job.statement(),
                            limits.effective(job.timeout()));
                    status = checked.status();
                    error = checked.error();
                    soundness = checked.soundness();
                    retirement = checked.retirement();
                    leanNanos += checked.leanNanos();
                }
            }
            pool.release(session, retirement);
            int offset = source.bodyLineOffset();
            return new VerificationReport(job.id(), status,
                    command.messagesOrEmpty().stream().map(m -> m.shiftLines(offset)).toList(),
                    command.sorriesOrEmpty().stream().map(s -> s.shiftLines(offset)).toList(),
                    command.tacticsOrEmpty().stream().map(t -> t.shiftLines(offset)).toList(),
                    PositionShifter.shiftInfotree(command.infotree(), offset), error, loadNanos, leanNanos,
                    loadNanos == null, source.headerDigest(), replId, leanVersion, soundness);
        }
        if (response instanceof ReplResponse.Error error && error.message().startsWith("Lean error")) {
            pool.release(session, null);
            return new VerificationReport(job.id(), ProofStatus.LEAN_ERROR, List.of(), List.of(), List.of(), null,
                    error.message(), loadNanos, leanNanos, loadNanos == null, source.headerDigest(), replId,
                    leanVersion);
        }
        pool.release(session, Retirement.PROTOCOL_ERROR);
        String what = response instanceof ReplResponse.Error error ? "\"" + error.message() + "\"" : response.toString();
        return new VerificationReport(job.id(), ProofStatus.REPL_CRASH, List.of(), List.of(), List.of(), null,
                "the REPL answered the proof with " + what + "; the process was replaced", loadNanos, leanNanos,
                loadNanos == null, source.headerDigest(), replId, leanVersion);
    }

    /**
     * Whether a proof is checked strictly: as the request says; when it does not say, strictly if it
     * carries a reference statement (a statement must never be ignored silently) or strict.default is on.
     */
    boolean strictFor(ProofJob job) {
        if (job.strict() != null) {
            return job.strict();
        }
        return job.statement() != null || strict.settings().defaultStrict();
    }

    /** The strict layers of this verifier (for their counters). */
    public StrictChecker strict() {
        return strict;
    }

    private VerificationReport headerRejected(ProofJob job, SplitSource source, Acquired.HeaderRejected rejected) {
        if (rejected.response() instanceof ReplResponse.Command command) {
            List<Message> messages = command.messagesOrEmpty().stream()
                    .map(m -> new Message(m.severity(), toSubmission(source, m.pos()), toSubmission(source, m.endPos()),
                            m.data(), m.extra()))
                    .toList();
            return new VerificationReport(job.id(), ProofStatus.LEAN_ERROR, messages, List.of(), List.of(), null,
                    "the import header failed to load", rejected.loadNanos(), 0, false, source.headerDigest(), null,
                    leanVersion);
        }
        String detail = rejected.response() instanceof ReplResponse.Error e ? e.message() : rejected.response().toString();
        return failure(job, source, ProofStatus.LEAN_ERROR, "the import header failed to load: " + detail,
                rejected.loadNanos(), null);
    }

    private static Pos toSubmission(SplitSource source, Pos pos) {
        return pos == null ? null : new Pos(source.headerLineInSubmission(pos.line()), pos.column());
    }

    private VerificationReport failure(ProofJob job, SplitSource source, ProofStatus status, String detail,
                                       long loadNanos, String replId) {
        return new VerificationReport(job.id(), status, List.of(), List.of(), List.of(), null, detail, loadNanos, 0,
                false, source.headerDigest(), replId, leanVersion);
    }

    /** Kills this verifier's REPLs from any thread, for a quick shutdown; see {@link ReplPool#abort}. */
    public void abort() {
        pool.abort();
    }

    /** True once {@link #abort} was called: results from now on say nothing about the proofs. */
    public boolean aborted() {
        return pool.aborted();
    }

    @Override
    public boolean shuttingDown() {
        return aborted();
    }

    public ReplPool pool() {
        return pool;
    }

    /** Nanoseconds from the verifier's ticker, for callers that time around it. */
    public long now() {
        return ticker.read();
    }

    @Override
    public void close() {
        pool.close();
    }
}
