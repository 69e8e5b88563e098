package dev.leanverify.metrics;

import dev.leanverify.repl.MemoryBudget;
import dev.leanverify.repl.PoolStats;
import dev.leanverify.repl.ProcessTree;
import dev.leanverify.repl.Retirement;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.verify.SlotDispatcher;
import dev.leanverify.verify.ThreadSlots;
import dev.leanverify.verify.ThreadVerifiers;
import dev.leanverify.stream.VerifyListener;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.VerificationReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The verifier's own metrics, named by Prometheus conventions ({@code leanverify_*}, seconds,
 * {@code _total} counters): proofs by status, Lean time, queue and end-to-end latency, header
 * cache hits and misses, REPL starts and retirements by reason, REPL memory; the verdict cache's
 * hits, misses, stores, evictions and the Lean seconds its hits saved ({@code leanverify_verdict_cache_*}).
 */
public final class VerifierMetrics implements VerifyListener {
    private final Map<ProofStatus, Counter> proofs = new EnumMap<>(ProofStatus.class);
    private final Timer leanTime;
    private final Timer endToEnd;
    private final Timer queueTime;
    private final DistributionSummary messages;
    private final MeterRegistry registry;
    private final Counter verdictHits;
    private final Counter verdictMisses;
    private final Counter verdictStored;
    private final Counter verdictStoredBytes;
    private final Counter verdictExpired;
    private final Counter verdictEvicted;
    private final Counter leanSecondsSaved;

    public VerifierMetrics(MeterRegistry registry, ThreadVerifiers verifiers) {
        this.registry = registry;
        for (ProofStatus status : ProofStatus.values()) {
            proofs.put(status, Counter.builder("leanverify.proofs").tag("status", status.name())
                    .description("Proofs that got a result, by status").register(registry));
        }
        leanTime = latency(registry, "leanverify.lean", "Round trip of a proof body through the Lean REPL");
        endToEnd = latency(registry, "leanverify.end.to.end",
                "From the input record's timestamp to its result (before the transaction commit)");
        queueTime = latency(registry, "leanverify.queue", "From the input record's timestamp to the start of verification");
        verdictHits = Counter.builder("leanverify.verdict.cache.hits")
                .description("Proofs answered from the verdict cache (no Lean run)").register(registry);
        verdictMisses = Counter.builder("leanverify.verdict.cache.misses")
                .description("Proofs looked up in the verdict cache and sent to Lean").register(registry);
        verdictStored = Counter.builder("leanverify.verdict.cache.stores")
                .description("Lean verdicts stored in the verdict cache").register(registry);
        verdictStoredBytes = Counter.builder("leanverify.verdict.cache.stored.bytes").baseUnit("bytes")
                .description("Bytes of the verdicts stored in the verdict cache").register(registry);
        verdictExpired = Counter.builder("leanverify.verdict.cache.expired")
                .description("Verdict cache entries dropped for age (verdict.cache.ttl.hours)").register(registry);
        verdictEvicted = Counter.builder("leanverify.verdict.cache.evictions")
                .description("Verdict cache entries dropped to stay within max.entries / max.bytes").register(registry);
        leanSecondsSaved = Counter.builder("leanverify.verdict.cache.lean.saved.seconds")
                .description("Lean time of the original runs of the verdicts served from the cache").register(registry);
        messages = DistributionSummary.builder("leanverify.messages").description("Lean messages per proof")
                .register(registry);
        poolCounter(registry, verifiers, "leanverify.header.cache.hits", "Proofs that found a warm REPL",
                s -> s.hits());
        poolCounter(registry, verifiers, "leanverify.header.cache.misses", "Proofs that needed a new REPL",
                s -> s.misses());
        poolCounter(registry, verifiers, "leanverify.repl.starts", "REPL processes started with their header loaded",
                s -> s.starts());
        for (Retirement reason : Retirement.values()) {
            FunctionCounter.builder("leanverify.repl.retired", verifiers,
                            v -> sum(v, s -> s.retired(reason)))
                    .tag("reason", reason.tag())
                    .description("REPL processes closed, by reason (timeout, crash, memory, recycled...)")
                    .register(registry);
        }
        Gauge.builder("leanverify.repl.processes", verifiers, v -> v.all().stream()
                        .mapToDouble(p -> p.pool().size()).sum())
                .description("Idle warm REPL processes").register(registry);
        Gauge.builder("leanverify.repl.resident.memory", verifiers, VerifierMetrics::residentBytes)
                .baseUnit("bytes").description("Resident memory of the idle REPL process trees").register(registry);
        Gauge.builder("leanverify.repl.start.failing", verifiers, v -> v.all().stream()
                        .anyMatch(p -> p.pool().stats().lastStartFailure() != null) ? 1 : 0)
                .description("1 while the last attempt to start a REPL failed").register(registry);
    }

    /**
     * The Lean slots of the stream threads: how many, how many verify a proof now, and the proofs
     * queued or running (a stream thread at its in-flight bound takes no records).
     */
    public static void bindSlots(MeterRegistry registry, ThreadSlots slots) {
        Gauge.builder("leanverify.slots", slots, s -> s.all().stream().mapToInt(SlotDispatcher::slots).sum())
                .description("Lean slots of the stream threads").register(registry);
        Gauge.builder("leanverify.slots.busy", slots, s -> s.all().stream().mapToInt(SlotDispatcher::running).sum())
                .description("Lean slots verifying a proof now").register(registry);
        Gauge.builder("leanverify.proofs.in.flight", slots, s -> s.all().stream()
                        .mapToInt(SlotDispatcher::inFlight).sum())
                .description("Proofs handed to the Lean slots, queued or running").register(registry);
    }

    /**
     * The instance's REPL memory budget: its limit (0 when off), the memory its live REPLs hold
     * (measured, or estimated until measured), how many are live, idle REPLs closed to make room,
     * starts that waited, starts refused.
     */
    public static void bindMemoryBudget(MeterRegistry registry, MemoryBudget budget) {
        Gauge.builder("leanverify.repl.memory.budget.limit", budget, MemoryBudget::limitBytes).baseUnit("bytes")
                .description("Memory all live REPLs of the instance may hold (pool.instance.memory.budget.mb); 0 when off")
                .register(registry);
        Gauge.builder("leanverify.repl.memory.budget.used", budget, MemoryBudget::usedBytes).baseUnit("bytes")
                .description("Resident memory of the instance's live REPLs, busy and idle (estimated until measured)")
                .register(registry);
        Gauge.builder("leanverify.repl.live", budget, MemoryBudget::liveRepls)
                .description("Live REPL processes of the instance, busy and idle, counted by the memory budget")
                .register(registry);
        FunctionCounter.builder("leanverify.repl.memory.budget.evictions", budget, MemoryBudget::evictions)
                .description("Idle REPLs closed to make room in the instance memory budget").register(registry);
        FunctionCounter.builder("leanverify.repl.memory.budget.waits", budget, MemoryBudget::waits)
                .description("REPL starts that waited for room in the instance memory budget").register(registry);
        FunctionCounter.builder("leanverify.repl.memory.budget.refusals", budget, MemoryBudget::refusals)
                .description("REPL starts refused by the memory budget (RESOURCE_LIMIT results)").register(registry);
    }

    private static Timer latency(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static void poolCounter(MeterRegistry registry, ThreadVerifiers verifiers, String name, String description,
                                    ToDoubleFunction<PoolStats> f) {
        FunctionCounter.builder(name, verifiers, v -> sum(v, f)).description(description).register(registry);
    }

    private static double sum(ThreadVerifiers verifiers, ToDoubleFunction<PoolStats> f) {
        double total = 0;
        for (ProofVerifier v : verifiers.all()) {
            total += f.applyAsDouble(v.pool().stats());
        }
        return total;
    }

    private static double residentBytes(ThreadVerifiers verifiers) {
        double total = 0;
        for (ProofVerifier v : verifiers.all()) {
            for (long pid : v.pool().idlePids()) {
                total += ProcessTree.residentBytes(pid);
            }
        }
        return total;
    }

    /** Totals so far, for the periodic log summary. */
    public record Totals(Map<ProofStatus, Long> byStatus, long leanCount, double leanSeconds, double hits,
                         double misses) {
        public long proofs() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Totals totals(ThreadVerifiers verifiers) {
        Map<ProofStatus, Long> byStatus = new EnumMap<>(ProofStatus.class);
        proofs.forEach((status, counter) -> byStatus.put(status, (long) counter.count()));
        return new Totals(byStatus, leanTime.count(), leanTime.totalTime(TimeUnit.SECONDS),
                sum(verifiers, PoolStats::hits), sum(verifiers, PoolStats::misses));
    }

    @Override
    public void rejected(VerificationResult result) {
        proofs.get(ProofStatus.INVALID_REQUEST).increment();
    }

    @Override
    public void deadLettered(String reason) {
        Counter.builder("leanverify.dead.letters").tag("reason", reason)
                .description("Records sent to the dead-letter topic, by reason").register(registry).increment();
    }

    @Override
    public void verdictCacheHit(VerificationResult result) {
        proofs.get(ProofStatus.valueOf(result.getStatus().name())).increment();
        verdictHits.increment();
        if (result.getOriginalLeanMs() != null) {
            leanSecondsSaved.increment(result.getOriginalLeanMs() / 1000.0);
        }
        endToEnd.record(result.getTiming().getTotalMs(), TimeUnit.MILLISECONDS);
        queueTime.record(result.getTiming().getQueueMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void verdictCacheMiss() {
        verdictMisses.increment();
    }

    @Override
    public void verdictCacheStored(int bytes) {
        verdictStored.increment();
        verdictStoredBytes.increment(bytes);
    }

    @Override
    public void verdictCacheEvicted(long expired, long evicted) {
        verdictExpired.increment(expired);
        verdictEvicted.increment(evicted);
    }

    @Override
    public void verified(VerificationReport report, VerificationResult result) {
        proofs.get(report.status()).increment();
        if (report.leanNanos() > 0) {
            leanTime.record(report.leanNanos(), TimeUnit.NANOSECONDS);
        }
        endToEnd.record(result.getTiming().getTotalMs(), TimeUnit.MILLISECONDS);
        queueTime.record(result.getTiming().getQueueMs(), TimeUnit.MILLISECONDS);
        messages.record(report.messages().size());
    }
}
