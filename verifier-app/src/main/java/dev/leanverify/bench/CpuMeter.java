package dev.leanverify.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time spent during a run, by whom: the verifier JVM(s), their REPL processes (Lean's work,
 * simulated), the broker, and this JVM (load generator and result reader). Read from the OS at
 * the start and the end, and REPL processes every quarter second besides (a REPL that ends, e.g.
 * recycled after pool.max.uses proofs, takes at most its last quarter second with it).
 */
final class CpuMeter implements AutoCloseable {
    private static final long SAMPLE_MS = 250;
    private final List<ChildJvm> verifiers;
    private final ChildJvm broker;
    private final double verifiersAtStart;
    private final double brokerAtStart;
    private final double selfAtStart;
    private final Map<Long, Double> replsAtStart = new HashMap<>();
    private final Map<Long, Double> replsLastSeen = new HashMap<>();
    private final java.util.concurrent.ScheduledExecutorService sampler =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-cpu-sampler");
                t.setDaemon(true);
                return t;
            });

    CpuMeter(List<ChildJvm> verifiers, ChildJvm broker) {
        this.verifiers = List.copyOf(verifiers);
        this.broker = broker;
        this.verifiersAtStart = ChildJvm.cpuMs(verifiers);
        this.brokerAtStart = broker.cpuTime().toNanos() / 1e6;
        this.selfAtStart = selfMs();
        for (ChildJvm v : verifiers) {
            replsAtStart.putAll(v.descendantCpuMs());
        }
        replsLastSeen.putAll(replsAtStart);
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_MS, SAMPLE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        for (ChildJvm v : verifiers) {
            v.descendantCpuMs().forEach((pid, ms) -> replsLastSeen.merge(pid, ms, Math::max));
        }
    }

    /** Stops sampling and returns what was used since this meter was made. */
    RunFigures.CpuUse used() {
        sampler.shutdownNow();
        sample();
        double repls;
        synchronized (this) {
            repls = replsLastSeen.entrySet().stream()
                    .mapToDouble(e -> e.getValue() - replsAtStart.getOrDefault(e.getKey(), 0.0)).sum();
        }
        return new RunFigures.CpuUse(ChildJvm.cpuMs(verifiers) - verifiersAtStart, repls,
                broker.cpuTime().toNanos() / 1e6 - brokerAtStart, selfMs() - selfAtStart);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private static double selfMs() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }
}
