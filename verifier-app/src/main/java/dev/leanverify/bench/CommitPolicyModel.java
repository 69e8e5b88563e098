package dev.leanverify.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Replays recorded proof times through two ways of committing work that slots run asynchronously,
 * on an endless backlog: <em>finish before commit</em> (every {@code commitMs} the stream thread stops
 * handing out proofs until the slots are empty, then commits — Responsive's async processing) and
 * <em>in-flight store</em> (slots are always fed; a result is visible at the first commit after it
 * finishes — leanverify's design). A deterministic model, not a run: it shows what the commit policy
 * alone costs with Lean's time distribution, which the simulator runs cannot (they scale proofs down
 * to a few hundred milliseconds).
 */
final class CommitPolicyModel {

    /** Slot efficiency (recorded work / (slots × wall)) and the wait of a finished result for its commit. */
    record Outcome(double efficiency, double delayP50Ms, double delayP99Ms) {
    }

    private CommitPolicyModel() {
    }

    /** {@code n} proof times drawn at random (fixed seed) from {@code secondsPool}, in ms. */
    static double[] draw(List<Double> secondsPool, int n, long seed) {
        Random random = new Random(seed);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = secondsPool.get(random.nextInt(secondsPool.size())) * 1000;
        }
        return ms;
    }

    static Outcome finishBeforeCommit(double[] proofMs, int slots, double commitMs) {
        PriorityQueue<Double> running = new PriorityQueue<>();
        List<Double> pending = new ArrayList<>(); // finish times of results waiting for the next commit
        List<Double> delays = new ArrayList<>();
        double t = 0;
        double nextCommit = commitMs;
        int next = 0;
        while (next < proofMs.length || !running.isEmpty()) {
            while (t < nextCommit && running.size() < slots && next < proofMs.length) {
                running.add(t + proofMs[next++]);
            }
            if (!running.isEmpty() && running.peek() <= nextCommit) {
                t = Math.max(t, running.peek());
                pending.add(running.poll());
                continue;
            }
            // the commit is due: wait for every proof in flight, then commit
            while (!running.isEmpty()) {
                pending.add(running.poll());
            }
            double commitAt = pending.isEmpty() ? nextCommit : Math.max(nextCommit, pending.get(pending.size() - 1));
            for (double finished : pending) {
                delays.add(commitAt - finished);
            }
            pending.clear();
            t = commitAt;
            nextCommit = t + commitMs;
        }
        return outcome(proofMs, slots, t, delays);
    }

    static Outcome inFlightStore(double[] proofMs, int slots, double commitMs) {
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int i = 0; i < slots; i++) {
            free.add(0.0);
        }
        List<Double> delays = new ArrayList<>();
        double end = 0;
        for (double ms : proofMs) {
            double finished = free.poll() + ms;
            free.add(finished);
            double commitAt = Math.ceil(finished / commitMs) * commitMs;
            delays.add(commitAt - finished);
            end = Math.max(end, commitAt);
        }
        return outcome(proofMs, slots, end, delays);
    }

    private static Outcome outcome(double[] proofMs, int slots, double wallMs, List<Double> delays) {
        double work = 0;
        for (double ms : proofMs) {
            work += ms;
        }
        double[] sorted = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Outcome(work / (slots * wallMs), sorted[sorted.length / 2],
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))]);
    }
}
