package dev.leanverify.repl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm REPLs of one owner thread, keyed by import-header digest: a Caffeine cache bounded by
 * count, plus an optional budget on the measured resident memory of its idle REPLs. Every REPL it
 * starts also takes a share of the instance's {@link MemoryBudget}, shared with the other threads'
 * pools: a start that does not fit closes idle REPLs (this pool's first) or waits for room. A
 * session is checked out of the cache while it is in use, so eviction can only close idle
 * processes. Only the owner thread may call it; the budget may close its idle REPLs from another
 * thread.
 */
public final class ReplPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplPool.class);

    private final PoolConfig config;
    private final ReplLauncher launcher;
    private final Cache<String, ReplSession> idle;
    private final PoolStats stats = new PoolStats();
    private boolean closed;
    private volatile boolean aborted;
    private int consecutiveStartFailures;
    /** When the last start failed, on the launcher's ticker. */
    private long lastStartFailureAt;
    private static final long START_BACKOFF_FIRST_MS = 500;
    private volatile ReplSession inUse;
    private final MemoryBudget budget;
    /** How often a REPL in use is measured again for the instance budget (it grows with use). */
    private static final long MEASURE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A pool with no instance memory budget. */
    public ReplPool(PoolConfig config, ReplLauncher launcher) {
        this(config, launcher, MemoryBudget.unlimited());
    }

    /** A pool whose REPLs share {@code budget} with the other pools of the instance. */
    public ReplPool(PoolConfig config, ReplLauncher launcher, MemoryBudget budget) {
        this.config = Objects.requireNonNull(config, "config");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.idle = Caffeine.newBuilder()
                .maximumSize(config.maxProcesses())
                .executor(Runnable::run) // evict and close on the owner thread, not in a pool
                .removalListener((String digest, ReplSession session, RemovalCause cause) -> {
                    if (cause.wasEvicted() && session != null) {
                        retire(session, Retirement.EVICTED);
                    }
                })
                .build();
    }

    /**
     * A REPL with the source's header loaded: a warm one if the pool has it, else a new one. The
     * caller must hand it back with {@link #release}.
     */
    public Acquired acquire(SplitSource source) {
        requireOpen();
        if (aborted) {
            return new Acquired.Unavailable(ReplOutcome.Failure.INTERRUPTED, "the verifier is shutting down", 0);
        }
        ReplSession warm = idle.asMap().remove(source.headerDigest());
        if (warm != null) {
            if (warm.process().isAlive()) {
                warm.charge().busy();
                stats.hit();
                inUse = warm;
                return new Acquired.Warm(warm);
            }
            retire(warm, Retirement.CRASH);
        }
        stats.miss();
        // waiting for room may use up to half the header timeout; the header load gets the rest
        Acquired loaded = load(source.headerText(), source.headerDigest(), headerTimeout().dividedBy(2));
        if (loaded instanceof Acquired.Loaded l) {
            inUse = l.session();
            if (aborted) {
                l.session().process().abort();
            }
        }
        return loaded;
    }

    /**
     * Kills every process of this pool, idle or in use, from any thread (shutdown). The owner's
     * request in flight fails soon after, and the pool starts no new process.
     */
    public void abort() {
        aborted = true;
        ReplSession current = inUse;
        if (current != null) {
            current.process().abort();
        }
        for (ReplSession s : idle.asMap().values()) {
            s.process().abort();
        }
    }

    /** True once {@link #abort} was called. */
    public boolean aborted() {
        return aborted;
    }

    private Acquired load(String headerText, String digest, Duration maxWaitForRoom) {
        waitOutStartBackoff();
        long start = launcher.ticker().read();
        MemoryBudget.Grant grant = budget.reserve(this, digest, maxWaitForRoom, this::aborted);
        if (grant instanceof MemoryBudget.Grant.Refused refused) {
            if (!refused.cancelled() && !maxWaitForRoom.isZero()) {
                LOG.warn("no REPL started for header {}: {}", digest, refused.detail());
            }
            return new Acquired.Unavailable(refused.cancelled() ? ReplOutcome.Failure.INTERRUPTED
                    : ReplOutcome.Failure.MEMORY, refused.detail(), launcher.ticker().read() - start);
        }
        MemoryBudget.Grant.Granted granted = (MemoryBudget.Grant.Granted) grant;
        MemoryBudget.Charge charge = granted.charge();
        ReplProcess process;
        try {
            process = launcher.start();
        } catch (ReplStartException e) {
            charge.release();
            startFailed(e.getMessage());
            return new Acquired.Unavailable(ReplOutcome.Failure.START_FAILED, e.getMessage(),
                    launcher.ticker().read() - start);
        }
        long headerNanos = launcher.spec().headerTimeout().toNanos();
        ReplOutcome outcome = process.send(ReplRequest.Command.of(headerText, null),
                Duration.ofNanos(Math.max(headerNanos / 2, headerNanos - granted.waitedNanos())));
        long loadNanos = launcher.ticker().read() - start;
        if (outcome instanceof ReplOutcome.Failed failed) {
            charge.release();
            if (failed.failure() == ReplOutcome.Failure.START_FAILED) {
                startFailed(failed.detail());
                return new Acquired.Unavailable(failed.failure(), failed.detail(), loadNanos);
            }
            consecutiveStartFailures = 0;
            stats.startSucceeded();
            stats.countRetired(Retirement.of(failed.failure()));
            String detail = failed.failure() == ReplOutcome.Failure.TIMEOUT
                    ? "loading the import header took longer than the header timeout: " + failed.detail()
                    : failed.detail();
            return new Acquired.Unavailable(failed.failure(), detail, loadNanos);
        }
        ReplResponse response = ((ReplOutcome.Answered) outcome).response();
        consecutiveStartFailures = 0;
        stats.startSucceeded();
        if (response instanceof ReplResponse.Command command && !command.hasError() && command.env() != null) {
            stats.started(loadNanos);
            ReplSession session = new ReplSession(process, digest, command.env(), charge);
            session.measured(budget.enabled() ? charge.measure(process.pid(), true) : process.residentBytes());
            budget.enforce(); // it may be larger than estimated: idle REPLs make room
            return new Acquired.Loaded(session, loadNanos);
        }
        process.close();
        charge.release();
        stats.countRetired(Retirement.HEADER_FAILED);
        return new Acquired.HeaderRejected(response, loadNanos);
    }

    /**
     * Takes a session back after a request. A session whose process failed, or that reached its
     * use limit, is closed; the others go back to the pool, which then enforces its bounds.
     *
     * @param reason why to close it, or null to keep it
     */
    public void release(ReplSession session, Retirement reason) {
        Objects.requireNonNull(session, "session");
        inUse = null;
        session.used();
        Retirement why = reason;
        if (why == null && session.uses() >= config.maxUses()) {
            why = Retirement.RECYCLED;
        }
        if (why == null && !session.process().isAlive()) {
            why = Retirement.CRASH;
        }
        if (why != null || closed) {
            retire(session, why == null ? Retirement.SHUTDOWN : why);
            return;
        }
        boolean poolBudget = config.memoryBudgetBytes() > 0;
        if (budget.enabled() && (poolBudget || session.charge().sinceMeasured() >= MEASURE_EVERY_NANOS)) {
            session.measured(session.charge().measure(session.process().pid(), false));
        } else if (poolBudget) {
            session.measured(session.process().residentBytes());
        }
        ReplSession displaced = idle.asMap().put(session.headerDigest(), session);
        if (displaced != null && displaced != session) {
            retire(displaced, Retirement.EVICTED);
        }
        session.charge().idle(() -> evictIdle(session));
        idle.cleanUp();
        enforceMemoryBudget();
        budget.enforce();
    }

    /**
     * Closes {@code session} if it is still idle here; called by the instance's memory budget,
     * possibly from another pool's thread. The atomic removal decides between this and the owner
     * taking the session for a proof.
     */
    private boolean evictIdle(ReplSession session) {
        if (idle.asMap().remove(session.headerDigest(), session)) {
            LOG.debug("closing idle REPL {} (header {}) to make room in the instance memory budget",
                    session.process().id(), session.headerDigest());
            retire(session, Retirement.MEMORY_BUDGET);
            return true;
        }
        return false;
    }

    private void enforceMemoryBudget() {
        if (config.memoryBudgetBytes() <= 0) {
            return;
        }
        while (idle.estimatedSize() > 1 && residentBytes() > config.memoryBudgetBytes()) {
            Map<String, ReplSession> coldest = idle.policy().eviction().orElseThrow().coldest(1);
            if (coldest.isEmpty()) {
                return;
            }
            String digest = coldest.keySet().iterator().next();
            ReplSession victim = idle.asMap().remove(digest);
            if (victim != null) {
                LOG.debug("pool over its memory budget; closing REPL {} (header {})", victim.process().id(), digest);
                retire(victim, Retirement.MEMORY_BUDGET);
            }
        }
    }

    /** Resident memory of the idle REPLs, as last measured. */
    public long residentBytes() {
        long total = 0;
        for (ReplSession s : idle.asMap().values()) {
            total += s.residentBytes();
        }
        return total;
    }

    /** Loads the configured headers into fresh REPLs (best effort: failures are logged). */
    public void prewarm() {
        for (String header : config.prewarmHeaders()) {
            SplitSource source = new HeaderSplitter(false).split(header);
            if (idle.getIfPresent(source.headerDigest()) != null) {
                continue;
            }
            Acquired acquired = load(source.headerText(), source.headerDigest(), Duration.ZERO);
            if (acquired instanceof Acquired.Loaded loaded) {
                stats.miss();
                idle.put(source.headerDigest(), loaded.session());
                loaded.session().charge().idle(() -> evictIdle(loaded.session()));
                idle.cleanUp();
            } else if (acquired instanceof Acquired.Unavailable u && u.failure() == ReplOutcome.Failure.MEMORY) {
                // no waiting here: the first proof of the header loads it when there is room
                LOG.info("not pre-warming a REPL for header {} now: {}", source.headerText().replace('\n', ' '), u.detail());
            } else {
                LOG.warn("could not pre-warm a REPL for header {}: {}", source.headerText().replace('\n', ' '), acquired);
            }
        }
    }

    /**
     * A REPL that cannot start would otherwise be retried for every proof as fast as proofs
     * arrive: the next attempt comes at least a delay after the last failure (on the launcher's
     * ticker), the delay doubling up to the configured maximum.
     */
    private void waitOutStartBackoff() {
        if (consecutiveStartFailures == 0) {
            return;
        }
        long delay = TimeUnit.MILLISECONDS.toNanos(Math.min(config.startBackoffMax().toMillis(),
                START_BACKOFF_FIRST_MS << Math.min(20, consecutiveStartFailures - 1)));
        long remaining = lastStartFailureAt + delay - launcher.ticker().read();
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startFailed(String detail) {
        consecutiveStartFailures++;
        lastStartFailureAt = launcher.ticker().read();
        stats.countRetired(Retirement.START_FAILED);
        stats.startFailed(detail);
        LOG.error("the Lean REPL cannot start ({} time(s) in a row): {}", consecutiveStartFailures, detail);
    }

    private void retire(ReplSession session, Retirement reason) {
        stats.countRetired(reason);
        session.close();
    }

    public PoolStats stats() {
        return stats;
    }

    /** Number of idle warm REPLs. */
    public long size() {
        return idle.estimatedSize();
    }

    /** Process ids of the idle REPLs (for tests and diagnostics). */
    public List<Long> idlePids() {
        List<Long> pids = new ArrayList<>();
        idle.asMap().values().forEach(s -> pids.add(s.process().pid()));
        return pids;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the REPL pool is closed");
        }
    }

    /** Closes every idle REPL; sessions still checked out are closed when released. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String digest : new ArrayList<>(idle.asMap().keySet())) {
            ReplSession s = idle.asMap().remove(digest);
            if (s != null) {
                retire(s, Retirement.SHUTDOWN);
            }
        }
    }

    /** The timeout for loading a header, as configured. */
    public Duration headerTimeout() {
        return launcher.spec().headerTimeout();
    }
}
