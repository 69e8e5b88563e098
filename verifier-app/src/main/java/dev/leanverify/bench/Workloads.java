package dev.leanverify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.SplitSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark's workloads. Costs come from the simulated REPL's cost model: a Goedel workbook
 * proof costs its recorded time × the time scale; other bodies cost what their {@code -- sim: cost}
 * directive says.
 */
final class Workloads {
    private Workloads() {
    }

    /** A Goedel workbook proof that finished on the recording server, with its recorded time. */
    record Recorded(String name, String code, double seconds) {
    }

    /**
     * The workbook proofs that got an answer from Lean (proofs that timed out or failed on the
     * recording server are left out: their cost is the timeout, not Lean's work), sorted by name.
     */
    static List<Recorded> goedelRecordings(Path dataDir) {
        Path root = dataDir.resolve("goedel-workbook");
        Path proofs = root.resolve("proofs");
        if (!Files.isDirectory(proofs)) {
            throw new IllegalStateException("no Goedel workbook proofs in " + proofs);
        }
        ObjectMapper mapper = new ObjectMapper();
        List<Recorded> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(proofs)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".lean")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.lean$", "");
                Path recording = root.resolve("recorded").resolve(name + ".json");
                if (!Files.isRegularFile(recording)) {
                    continue;
                }
                JsonNode result = mapper.readTree(recording.toFile()).path("results").path(0);
                JsonNode time = result.path("response").path("time");
                if (!result.path("error").isNull() && !result.path("error").isMissingNode() || !time.isNumber()) {
                    continue;
                }
                found.add(new Recorded(name, Files.readString(file, StandardCharsets.UTF_8), time.asDouble()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Goedel workbook in " + root, e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no recorded Goedel workbook proofs in " + root);
        }
        return found;
    }

    /** {@code n} proofs cycling through the recordings; each costs its recorded time × {@code timeScale}. */
    static Workload goedelShaped(List<Recorded> recordings, int n, double timeScale) {
        List<Workload.Proof> proofs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Recorded r = recordings.get(i % recordings.size());
            proofs.add(new Workload.Proof(String.format(Locale.ROOT, "g%05d-%s", i, r.name()), r.code(),
                    r.seconds() * timeScale * 1000));
        }
        return new Workload("goedel", String.format(Locale.ROOT,
                "%d proofs cycling the %d finished Goedel workbook proofs, recorded time x %s", n, recordings.size(),
                timeScale), proofs);
    }

    /**
     * The measured workload's own proofs, cycled to {@code n} and made free ({@code -- sim: cost 0}
     * after the header; the simulator still answers with the recorded messages), sent before a
     * measurement: the verifier's JVM compiles the code paths the workload takes, its REPLs load
     * the header and the router learns the header's share, as in a pipeline that has been running
     * for a while.
     */
    static Workload warmup(int n, Workload measured) {
        HeaderSplitter splitter = new HeaderSplitter(false);
        List<Workload.Proof> proofs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Workload.Proof p = measured.proofs().get(i % measured.size());
            String code = p.code();
            if (p.workMs() > 0) {
                SplitSource split = splitter.split(code);
                code = split.headerText() + "\n-- sim: cost 0\n" + split.body();
            }
            proofs.add(new Workload.Proof(String.format(Locale.ROOT, "warmup-%06d-%s", i, p.id()), code, 0));
        }
        return new Workload("warmup", n + " warm-up proofs (the workload's, at zero cost)", proofs);
    }

    /**
     * RL-shaped traffic: {@code problems} Goedel proofs × {@code samples} samples each, sent problem
     * by problem (a GRPO group). In each group, {@code round(repeatPercent% × samples)} samples
     * (never the first) repeat the text of an earlier sample of the group, chosen at random (fixed
     * seed); the others are distinct texts of the same proof at the same cost (a {@code -- sim: cost}
     * directive after the header, unique in its last digits, so the simulator burns the recorded
     * time × the time scale and answers with the recorded messages).
     */
    static Workload rlShaped(List<Recorded> recordings, int problems, int samples, int repeatPercent,
                             double timeScale) {
        HeaderSplitter splitter = new HeaderSplitter(false);
        java.util.Random random = new java.util.Random(1234L + repeatPercent);
        List<Workload.Proof> proofs = new ArrayList<>(problems * samples);
        int repeatsPerGroup = Math.min(samples - 1, (int) Math.round(repeatPercent / 100.0 * samples));
        for (int p = 0; p < problems; p++) {
            Recorded r = recordings.get(p % recordings.size());
            double workMs = r.seconds() * timeScale * 1000;
            SplitSource split = splitter.split(r.code());
            List<Integer> positions = new ArrayList<>();
            for (int s = 1; s < samples; s++) {
                positions.add(s);
            }
            java.util.Collections.shuffle(positions, random);
            java.util.Set<Integer> repeating = new java.util.HashSet<>(positions.subList(0, repeatsPerGroup));
            List<String> texts = new ArrayList<>();
            for (int s = 0; s < samples; s++) {
                String code = repeating.contains(s) ? texts.get(random.nextInt(texts.size()))
                        : split.headerText() + String.format(Locale.ROOT, "\n-- sim: cost %.3f%06d\n", workMs, s + 1)
                                + split.body();
                texts.add(code);
                proofs.add(new Workload.Proof(String.format(Locale.ROOT, "rl%03d-%02d-%s", p, s, r.name()), code,
                        workMs));
            }
        }
        return new Workload("rl-" + repeatPercent, String.format(Locale.ROOT,
                "%d problems x %d samples (Goedel proofs, recorded time x %s), %d%% of samples repeat an earlier"
                        + " sample's text", problems, samples, timeScale, repeatPercent), proofs);
    }

    /**
     * {@code n} Goedel workbook proofs drawn at random (with replacement, seeded), each costing its
     * recorded time scaled so that the recordings' mean becomes {@code meanWaitMs}: the distribution
     * of real Lean times (median a quarter of the mean, a long tail), shrunk to fit a benchmark.
     * The cost is a {@code -- sim: cost} directive after the header, which the simulator spends
     * waiting when {@code lean.sim.wait=true}; its last digits ({@code phase}, the proof's index)
     * make every text unique, so that no proof is a repeat for the verdict cache, and the simulator
     * still answers with the recorded messages.
     */
    static Workload waitingGoedel(List<Recorded> all, int n, double meanWaitMs, int phase, long seed) {
        HeaderSplitter splitter = new HeaderSplitter(false);
        // one header, as in an RL run: the recordings of the most common one (a couple import less)
        java.util.Map<String, List<Recorded>> byHeader = new java.util.TreeMap<>();
        all.forEach(r -> byHeader.computeIfAbsent(splitter.split(r.code()).headerText(), h -> new ArrayList<>()).add(r));
        List<Recorded> recordings = byHeader.values().stream().max(java.util.Comparator.comparingInt(List::size))
                .orElseThrow();
        double recordedMeanMs = recordings.stream().mapToDouble(Recorded::seconds).average().orElseThrow() * 1000;
        double scale = meanWaitMs / recordedMeanMs;
        java.util.Random random = new java.util.Random(seed);
        List<Workload.Proof> proofs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Recorded r = recordings.get(random.nextInt(recordings.size()));
            double workMs = r.seconds() * 1000 * scale;
            SplitSource split = splitter.split(r.code());
            String code = split.headerText() + String.format(Locale.ROOT, "\n-- sim: cost %.3f%03d%06d\n", workMs,
                    phase % 1000, i % 1_000_000) + split.body();
            proofs.add(new Workload.Proof(String.format(Locale.ROOT, "w%d-%06d-%s", phase, i, r.name()), code,
                    workMs));
        }
        return new Workload("waiting-goedel", String.format(Locale.ROOT,
                "%d Goedel workbook proofs of one header drawn at random (seed %d), each WAITING its recorded time x %.4f"
                        + " (the recordings' mean %.0f ms -> %.0f ms)", n, seed, scale, recordedMeanMs, meanWaitMs),
                proofs);
    }

    /** {@code n} proofs that cost nothing: what is left is the framework's own work. */
    static Workload zeroCost(int n) {
        List<Workload.Proof> proofs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            proofs.add(new Workload.Proof(String.format(Locale.ROOT, "z%06d", i),
                    "import Mathlib\n\ntheorem bench_" + i + " : True := trivial\n", 0));
        }
        return new Workload("zero-cost", n + " proofs of zero cost (one header)", proofs);
    }

    /**
     * {@code n} proofs, each with one of {@code headers} distinct import headers drawn uniformly at
     * random (a fixed seed, so every run submits the same sequence), each costing {@code costMs}.
     */
    static Workload manyHeaders(int n, int headers, long costMs) {
        List<Workload.Proof> proofs = new ArrayList<>(n);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < n; i++) {
            int h = random.nextInt(headers);
            String code = "import Mathlib\nimport Bench.Header" + h + "\n\n-- sim: cost " + costMs
                    + "\ntheorem bench_" + i + " : True := trivial\n";
            proofs.add(new Workload.Proof(String.format(Locale.ROOT, "h%02d-%05d", h, i), code, costMs));
        }
        return new Workload("headers", String.format(Locale.ROOT,
                "%d proofs, each with one of %d distinct headers (uniform), %d ms each", n, headers, costMs), proofs);
    }
}
