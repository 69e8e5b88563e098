package dev.leanverify.stats;

import dev.leanverify.schema.RunStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Prometheus gauges of the pass rate and result count of the runs this instance aggregates
 * ({@code leanverify_run_pass_rate{run_id}}, {@code leanverify_run_results{run_id}}), for the
 * dashboards. Cardinality is bounded: only the {@code maxRuns} most recently updated runs keep a
 * gauge; older ones are removed from the registry.
 */
public final class RunGauges implements Consumer<RunStats> {
    private final MeterRegistry registry;
    private final int maxRuns;
    private final Map<String, Run> runs = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Run {
        final AtomicLong passRateBits = new AtomicLong();
        final AtomicLong results = new AtomicLong();
        Gauge passRate;
        Gauge count;
    }

    public RunGauges(MeterRegistry registry, int maxRuns) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxRuns < 0) {
            throw new IllegalArgumentException("maxRuns must not be negative, got " + maxRuns);
        }
        this.maxRuns = maxRuns;
    }

    @Override
    public synchronized void accept(RunStats stats) {
        if (maxRuns == 0) {
            return;
        }
        String runId = stats.getRunId();
        Run run = runs.get(runId);
        if (run == null) {
            Run created = new Run();
            created.passRate = Gauge.builder("leanverify.run.pass.rate", created.passRateBits,
                            b -> Double.longBitsToDouble(b.get()))
                    .description("Share of a run's results that are VERIFIED (most recently updated runs only)")
                    .tag("run_id", runId).register(registry);
            created.count = Gauge.builder("leanverify.run.results", created.results, AtomicLong::get)
                    .description("Results counted for a run (most recently updated runs only)")
                    .tag("run_id", runId).register(registry);
            runs.put(runId, created);
            run = created;
            if (runs.size() > maxRuns) {
                var eldest = runs.entrySet().iterator();
                Run old = eldest.next().getValue();
                eldest.remove();
                registry.remove(old.passRate);
                registry.remove(old.count);
            }
        }
        run.passRateBits.set(Double.doubleToLongBits(stats.getPassRate()));
        run.results.set(stats.getResults());
    }

    /** Runs that have a gauge now. */
    public synchronized java.util.Set<String> runs() {
        return java.util.Set.copyOf(runs.keySet());
    }
}
