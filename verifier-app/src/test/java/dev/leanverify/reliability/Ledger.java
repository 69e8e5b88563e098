package dev.leanverify.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a scenario submitted and what came back committed: for every input, its expected outcome
 * (a status, or a dead-letter reason) and every outcome read for it. Counts lost, duplicated and
 * wrong outcomes; outcomes for ids nobody submitted count as duplicated (they are extra records).
 */
final class Ledger {
    /** One committed outcome: a result's status and verifier instance, or a dead letter's reason. */
    record Outcome(String value, String instance, String detail) {
    }

    private final Map<String, String> expected = new LinkedHashMap<>();
    private final Map<String, List<Outcome>> seen = new HashMap<>();
    private int outcomes;

    /** Expects exactly one outcome {@code value} for {@code id}. */
    void expect(String id, String value) {
        Objects.requireNonNull(id, "id");
        if (expected.put(id, Objects.requireNonNull(value, "value")) != null) {
            throw new IllegalArgumentException("id " + id + " expected twice");
        }
    }

    void record(String id, Outcome outcome) {
        seen.computeIfAbsent(id, k -> new ArrayList<>()).add(outcome);
        outcomes++;
    }

    /** Every outcome recorded so far. */
    List<Outcome> all() {
        return seen.values().stream().flatMap(List::stream).toList();
    }

    int submitted() {
        return expected.size();
    }

    int outcomes() {
        return outcomes;
    }

    /** Expected ids that have at least one outcome. */
    int complete() {
        int n = 0;
        for (String id : expected.keySet()) {
            if (seen.containsKey(id)) {
                n++;
            }
        }
        return n;
    }

    boolean allSeen() {
        return complete() == expected.size();
    }

    List<String> lostIds() {
        return expected.keySet().stream().filter(id -> !seen.containsKey(id)).toList();
    }

    /** Ids with more than one outcome, and ids never submitted, with what came for them. */
    Map<String, List<Outcome>> duplicates() {
        return seen.entrySet().stream().filter(e -> e.getValue().size() > 1 || !expected.containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    int duplicatedCount() {
        int n = 0;
        for (Map.Entry<String, List<Outcome>> e : seen.entrySet()) {
            n += expected.containsKey(e.getKey()) ? e.getValue().size() - 1 : e.getValue().size();
        }
        return n;
    }

    /** Ids whose first outcome differs from the expected one, with both. */
    Map<String, String> wrong() {
        Map<String, String> wrong = new LinkedHashMap<>();
        expected.forEach((id, want) -> {
            List<Outcome> got = seen.get(id);
            if (got != null && !got.get(0).value().equals(want)) {
                wrong.put(id, "expected " + want + ", got " + got.get(0).value() + " (" + got.get(0).detail() + ")");
            }
        });
        return wrong;
    }

    /** How many outcomes each verifier instance committed. */
    Map<String, Long> byInstance() {
        return seen.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(o -> String.valueOf(o.instance()), java.util.TreeMap::new,
                        Collectors.counting()));
    }

    List<Outcome> outcomesOf(String id) {
        return seen.getOrDefault(id, List.of());
    }

    ScenarioReport.Row row(String scenario, Duration time, String note) {
        return new ScenarioReport.Row(scenario, submitted(), outcomes, lostIds().size(), duplicatedCount(),
                wrong().size(), time, note);
    }

    /** A readable account of everything that went wrong, for assertion messages. */
    String problems() {
        StringBuilder b = new StringBuilder();
        List<String> lost = lostIds();
        if (!lost.isEmpty()) {
            b.append(lost.size()).append(" lost: ").append(lost.subList(0, Math.min(20, lost.size()))).append('\n');
        }
        Map<String, List<Outcome>> dup = duplicates();
        if (!dup.isEmpty()) {
            b.append(dup.size()).append(" duplicated or unexpected: ")
                    .append(dup.entrySet().stream().limit(20).toList()).append('\n');
        }
        Map<String, String> wrong = wrong();
        if (!wrong.isEmpty()) {
            b.append(wrong.size()).append(" wrong: ").append(wrong.entrySet().stream().limit(20).toList()).append('\n');
        }
        return b.toString();
    }
}
