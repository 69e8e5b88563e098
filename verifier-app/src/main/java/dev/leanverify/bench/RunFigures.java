package dev.leanverify.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.schema.VerificationResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one benchmark run measured: wall time from the first proof sent to the last result
 * visible (read_committed), statuses, header-cache hits, end-to-end latency and the part of it
 * beyond Lean, the framework's CPU per proof, and how busy each stream thread was.
 *
 * @param wallMs        first send to last result seen
 * @param workMs        the Lean work the simulated REPL was asked to burn, summed
 * @param frameworkCpuMsPerProof CPU of the verifier JVM(s) during the run / proofs (REPL processes not included)
 * @param cpu           CPU time during the run by process kind
 * @param endToEnd      send to result visible, per proof
 * @param beyondLean    end-to-end minus the REPL's time (Lean time and, when cold, the header load)
 * @param toVerify      input record timestamp to the start of verification (the hops before verify)
 * @param afterVerify   end of verification to result visible (the last commit, and the reader's fetch)
 * @param betweenProofs per Lean slot, from the end of one verification to the start of the next
 *                      (commits, polls, the stages before verification, waiting for work)
 * @param threadBusy    per Lean slot: the share of the wall time it spent verifying
 * @param verdictHits   results answered from the verdict cache
 * @param leanSavedMs   Lean time of the original runs of those cached answers
 * @param busiestSlotWorkMs the most proof work (the workload's cost model) any one stream thread was given:
 *                      where proofs were placed bounds the wall time from below, whatever the framework costs
 * @param idle          CPU of the instance(s) left idle after the run, or null when not measured
 */
record RunFigures(String name, String workload, int threads, int instances, int partitions, Map<String, String> settings,
                  int proofs, int results, int duplicates, Map<String, Integer> statuses, double wallMs, double workMs,
                  double hitRatio, int coldStarts, double frameworkCpuMsPerProof, CpuUse cpu, Latencies endToEnd,
                  Latencies beyondLean, Latencies leanMs, Latencies toVerify, Latencies afterVerify,
                  Latencies betweenProofs, Map<String, Double> threadBusy, int verdictHits, double leanSavedMs,
                  double busiestSlotWorkMs, Idle idle) {

    RunFigures(String name, String workload, int threads, int instances, int partitions, Map<String, String> settings,
               int proofs, int results, int duplicates, Map<String, Integer> statuses, double wallMs, double workMs,
               double hitRatio, int coldStarts, double frameworkCpuMsPerProof, CpuUse cpu, Latencies endToEnd,
               Latencies beyondLean, Latencies leanMs, Latencies toVerify, Latencies afterVerify,
               Latencies betweenProofs, Map<String, Double> threadBusy, int verdictHits, double leanSavedMs) {
        this(name, workload, threads, instances, partitions, settings, proofs, results, duplicates, statuses, wallMs,
                workMs, hitRatio, coldStarts, frameworkCpuMsPerProof, cpu, endToEnd, beyondLean, leanMs, toVerify,
                afterVerify, betweenProofs, threadBusy, verdictHits, leanSavedMs, 0, null);
    }

    /**
     * CPU of the verifier instance(s) and their REPL processes over {@code seconds} with no proof to
     * verify (after the run's last result), in cores (1.0 = one core busy all the time).
     */
    record Idle(double seconds, double verifierCores, double replCores, int instances) {
        double verifierCoresPerInstance() {
            return verifierCores / Math.max(1, instances);
        }

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("seconds", Latencies.round(seconds, 1));
            o.put("verifierCores", Latencies.round(verifierCores, 4));
            o.put("verifierCoresPerInstance", Latencies.round(verifierCoresPerInstance(), 4));
            o.put("replCores", Latencies.round(replCores, 4));
            return o;
        }
    }

    RunFigures(String name, String workload, int threads, int instances, int partitions, Map<String, String> settings,
               int proofs, int results, int duplicates, Map<String, Integer> statuses, double wallMs, double workMs,
               double hitRatio, int coldStarts, double frameworkCpuMsPerProof, CpuUse cpu, Latencies endToEnd,
               Latencies beyondLean, Latencies leanMs, Latencies toVerify, Latencies afterVerify,
               Latencies betweenProofs, Map<String, Double> threadBusy) {
        this(name, workload, threads, instances, partitions, settings, proofs, results, duplicates, statuses, wallMs,
                workMs, hitRatio, coldStarts, frameworkCpuMsPerProof, cpu, endToEnd, beyondLean, leanMs, toVerify,
                afterVerify, betweenProofs, threadBusy, 0, 0);
    }

    /** CPU time (ms) during a run: verifier JVMs, their REPL processes, the broker, the load generator and reader. */
    record CpuUse(double verifierMs, double replMs, double brokerMs, double clientsMs) {
        ObjectNode toJson(double wallMs) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("verifierCores", cores(verifierMs, wallMs));
            o.put("replCores", cores(replMs, wallMs));
            o.put("brokerCores", cores(brokerMs, wallMs));
            o.put("loadGeneratorAndReaderCores", cores(clientsMs, wallMs));
            return o;
        }

        static double cores(double ms, double wallMs) {
            return wallMs <= 0 ? 0 : Latencies.round(ms / wallMs, 3);
        }
    }

    static RunFigures of(String name, Workload workload, int threads, int instances, int partitions,
                         Map<String, String> settings, List<VerificationResult> results, int duplicates,
                         Map<String, Long> sentAt, Map<String, Long> seenAt, CpuUse cpu) {
        long first = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long last = seenAt.values().stream().mapToLong(Long::longValue).max().orElse(first);
        double wallMs = (last - first) / 1e6;
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Double> busyMs = new TreeMap<>();
        int cacheable = 0;
        int hits = 0;
        int cold = 0;
        int verdictHits = 0;
        double leanSaved = 0;
        double[] e2e = new double[results.size()];
        double[] beyond = new double[results.size()];
        double[] lean = new double[results.size()];
        double[] toVerify = new double[results.size()];
        double[] afterVerify = new double[results.size()];
        int i = 0;
        for (VerificationResult r : results) {
            statuses.merge(r.getStatus().name(), 1, Integer::sum);
            if ("hit".equals(r.getVerdictCache())) {
                verdictHits++;
                leanSaved += r.getOriginalLeanMs() == null ? 0 : r.getOriginalLeanMs();
            }
            long load = r.getTiming().getHeaderLoadMs() == null ? 0 : r.getTiming().getHeaderLoadMs();
            if (r.getReplId() != null) {
                cacheable++;
                hits += r.getHeaderCacheHit() ? 1 : 0;
                cold += r.getTiming().getHeaderLoadMs() != null ? 1 : 0;
                busyMs.merge(thread(r.getReplId()), (double) (r.getTiming().getTotalMs() - r.getTiming().getQueueMs()),
                        Double::sum);
            }
            Long sent = sentAt.get(r.getId());
            Long seen = seenAt.get(r.getId());
            double total = sent == null || seen == null ? 0 : (seen - sent) / 1e6;
            e2e[i] = total;
            beyond[i] = Math.max(0, total - r.getTiming().getLeanMs() - load);
            lean[i] = r.getTiming().getLeanMs();
            toVerify[i] = r.getTiming().getQueueMs();
            afterVerify[i] = Math.max(0, total - r.getTiming().getTotalMs());
            i++;
        }
        Map<String, List<long[]>> spans = new TreeMap<>();
        for (VerificationResult r : results) {
            if (r.getReplId() != null) {
                long end = r.getCompletedAtMs();
                long start = end - (r.getTiming().getTotalMs() - r.getTiming().getQueueMs());
                spans.computeIfAbsent(thread(r.getReplId()), t -> new ArrayList<>()).add(new long[] {start, end});
            }
        }
        List<Double> gaps = new ArrayList<>();
        for (List<long[]> list : spans.values()) {
            list.sort(Comparator.comparingLong(a -> a[0]));
            for (int k = 1; k < list.size(); k++) {
                gaps.add((double) Math.max(0, list.get(k)[0] - list.get(k - 1)[1]));
            }
        }
        Map<String, Double> busy = new TreeMap<>();
        busyMs.forEach((t, ms) -> busy.put(t, wallMs <= 0 ? 0 : Math.min(1, ms / wallMs)));
        Map<String, Double> workOf = new java.util.HashMap<>();
        workload.proofs().forEach(p -> workOf.put(p.id(), p.workMs()));
        Map<String, Double> slotWork = new TreeMap<>();
        for (VerificationResult r : results) {
            if (r.getReplId() != null) {
                slotWork.merge(thread(r.getReplId()), workOf.getOrDefault(r.getId(), workOf.getOrDefault(
                        r.getId().substring(r.getId().indexOf('/') + 1), 0.0)), Double::sum); // sent as RUN/ID
            }
        }
        double busiest = slotWork.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new RunFigures(name, workload.description(), threads, instances, partitions, Map.copyOf(settings),
                workload.size(), results.size(), duplicates, statuses, wallMs, workload.totalWorkMs(),
                cacheable == 0 ? 0 : hits / (double) cacheable, cold,
                results.isEmpty() ? 0 : cpu.verifierMs() / results.size(), cpu, Latencies.of(e2e), Latencies.of(beyond),
                Latencies.of(lean), Latencies.of(toVerify), Latencies.of(afterVerify),
                Latencies.of(gaps.stream().mapToDouble(Double::doubleValue).toArray()), busy, verdictHits, leanSaved,
                busiest, null);
    }

    /** The same figures under another run name. */
    RunFigures renamed(String newName) {
        return new RunFigures(newName, workload, threads, instances, partitions, settings, proofs, results, duplicates,
                statuses, wallMs, workMs, hitRatio, coldStarts, frameworkCpuMsPerProof, cpu, endToEnd, beyondLean,
                leanMs, toVerify, afterVerify, betweenProofs, threadBusy, verdictHits, leanSavedMs, busiestSlotWorkMs,
                idle);
    }

    /** The same figures with the idle CPU measured after the run. */
    RunFigures withIdle(Idle measured) {
        return new RunFigures(name, workload, threads, instances, partitions, settings, proofs, results, duplicates,
                statuses, wallMs, workMs, hitRatio, coldStarts, frameworkCpuMsPerProof, cpu, endToEnd, beyondLean,
                leanMs, toVerify, afterVerify, betweenProofs, threadBusy, verdictHits, leanSavedMs, busiestSlotWorkMs,
                measured);
    }

    /**
     * The best achieved/ideal that this run's placement of proofs on stream threads allows: the
     * even share of the work over the busiest thread's work (1 when every thread got the same).
     */
    double placementBound() {
        double even = workMs / (threads * (double) instances);
        return busiestSlotWorkMs <= 0 ? 1 : Math.min(1, even / busiestSlotWorkMs);
    }

    /** "instance/thread-7" → "instance/thread": the stream thread that owned the REPL. */
    static String thread(String replId) {
        int dash = replId.lastIndexOf('-');
        return dash > 0 ? replId.substring(0, dash) : replId;
    }

    double proofsPerSecond() {
        return wallMs <= 0 ? 0 : results * 1000.0 / wallMs;
    }

    /**
     * The ideal wall time: the work spread evenly over every stream thread, plus the header loads
     * the run needed spread the same way (one per thread for a run that starts cold, none after a
     * warm-up that loaded the header).
     */
    double idealMs(long headerLoadMs) {
        double threadsInAll = threads * (double) instances;
        return (workMs + coldStarts * (double) headerLoadMs) / threadsInAll;
    }

    boolean complete() {
        return results == proofs && duplicates == 0;
    }

    double meanBusy() {
        return threadBusy.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    double minBusy() {
        return threadBusy.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    double maxBusy() {
        return threadBusy.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", name);
        o.put("workload", workload);
        o.put("streamThreads", threads);
        o.put("instances", instances);
        o.put("partitions", partitions);
        ObjectNode s = o.putObject("settings");
        new TreeMap<>(settings).forEach(s::put);
        o.put("proofs", proofs);
        o.put("results", results);
        o.put("duplicates", duplicates);
        ObjectNode st = o.putObject("statuses");
        statuses.forEach(st::put);
        o.put("wallMs", Latencies.round(wallMs));
        o.put("proofsPerSecond", Latencies.round(proofsPerSecond()));
        o.put("workMs", Latencies.round(workMs));
        o.put("headerCacheHitRatio", Latencies.round(hitRatio, 3));
        o.put("coldStarts", coldStarts);
        o.put("verdictCacheHits", verdictHits);
        o.put("leanSavedMs", Latencies.round(leanSavedMs));
        o.put("frameworkCpuMsPerProof", Latencies.round(frameworkCpuMsPerProof, 3));
        o.set("cpu", cpu.toJson(wallMs));
        o.set("endToEndMs", endToEnd.toJson());
        o.set("beyondLeanMs", beyondLean.toJson());
        o.set("leanMs", leanMs.toJson());
        o.set("toVerifyMs", toVerify.toJson());
        o.set("afterVerifyMs", afterVerify.toJson());
        o.set("betweenProofsMs", betweenProofs.toJson());
        o.put("busiestSlotWorkMs", Latencies.round(busiestSlotWorkMs));
        o.put("placementBound", Latencies.round(placementBound(), 3));
        if (idle != null) {
            o.set("idle", idle.toJson());
        }
        ObjectNode busy = o.putObject("threadUtilization");
        threadBusy.forEach((t, b) -> busy.put(t, Latencies.round(b, 3)));
        return o;
    }
}
