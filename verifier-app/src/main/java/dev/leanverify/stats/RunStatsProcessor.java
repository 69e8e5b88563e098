package dev.leanverify.stats;

import dev.leanverify.schema.RunStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each sample into its run's aggregate and its problem's outcome, each in its own store
 * (so an update costs the same however many problems the run has), and emits the whole
 * {@link RunStats} of every run that changed once per {@code emitInterval}. Every store write is
 * in the task's transaction; a restarted task emits all its runs once (what changed before a
 * crash may not have been emitted).
 */
final class RunStatsProcessor implements Processor<String, Sample, String, RunStats> {
    private final int maxProblems;
    private final List<Integer> ks;
    private final Duration emitInterval;
    private final Set<String> changed = new LinkedHashSet<>();
    private ProcessorContext<String, RunStats> context;
    private KeyValueStore<String, RunAggregate> runs;
    private KeyValueStore<String, long[]> problems;

    RunStatsProcessor(int maxProblems, List<Integer> ks, Duration emitInterval) {
        this.maxProblems = maxProblems;
        this.ks = List.copyOf(ks);
        this.emitInterval = Objects.requireNonNull(emitInterval, "emitInterval");
    }

    @Override
    public void init(ProcessorContext<String, RunStats> context) {
        this.context = context;
        this.runs = context.getStateStore(StatsTopology.STORE);
        this.problems = context.getStateStore(StatsTopology.PROBLEM_STORE);
        try (KeyValueIterator<String, RunAggregate> all = runs.all()) {
            all.forEachRemaining(kv -> changed.add(kv.key));
        }
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emit(now));
    }

    @Override
    public void process(Record<String, Sample> record) {
        String run = record.key();
        RunAggregate aggregate = runs.get(run);
        if (aggregate == null) {
            aggregate = RunAggregate.empty(run, maxProblems);
        }
        aggregate.add(record.value(), new RunAggregate.ProblemTable() {
            @Override
            public long[] get(String problem) {
                return problems.get(ProblemKeys.key(run, problem));
            }

            @Override
            public void put(String problem, long[] outcome) {
                problems.put(ProblemKeys.key(run, problem), outcome);
            }
        });
        runs.put(run, aggregate);
        changed.add(run);
    }

    private void emit(long now) {
        for (String run : changed) {
            RunAggregate aggregate = runs.get(run);
            if (aggregate != null) {
                context.forward(new Record<>(run, aggregate.toRecord(ks, table(problems, run)), now));
            }
        }
        changed.clear();
    }

    /** A run's problem table, read from the problem store. */
    static Map<String, long[]> table(org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, long[]> store,
                                     String run) {
        Map<String, long[]> table = new HashMap<>();
        try (KeyValueIterator<String, long[]> it = store.range(ProblemKeys.from(run), ProblemKeys.to(run))) {
            while (it.hasNext()) {
                KeyValue<String, long[]> kv = it.next();
                table.put(ProblemKeys.problem(kv.key), kv.value);
            }
        }
        return table;
    }
}
