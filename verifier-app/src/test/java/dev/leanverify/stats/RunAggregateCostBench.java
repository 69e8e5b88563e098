package dev.leanverify.stats;

import dev.leanverify.schema.GeneratedClasses;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What run statistics cost the stream thread that owns a run, by problem-table size: per result,
 * the run's counts are read, updated and written back through {@link RunAggregateSerde} (the
 * problem's outcome is a separate 16-byte store entry); once a second per changed run, the whole
 * record is assembled (pass@k over the table). Prints figures; asserts nothing about speed.
 */
@Tag("bench")
class RunAggregateCostBench {

    @Test
    void printsTheCostOfAnUpdateAndOfAnEmissionByProblemTableSize() {
        GeneratedClasses.trust();
        RunAggregateSerde serde = new RunAggregateSerde(List.of(), 1_000_000);
        for (int problems : new int[] {10, 1_000, 10_000, 100_000}) {
            Map<String, long[]> table = new HashMap<>();
            RunAggregate.ProblemTable store = new RunAggregate.ProblemTable() {
                @Override
                public long[] get(String problem) {
                    long[] o = table.get(problem);
                    return o == null ? null : o.clone();
                }

                @Override
                public void put(String problem, long[] outcome) {
                    table.put(problem, outcome);
                }
            };
            RunAggregate run = RunAggregate.empty("bench", 1_000_000);
            for (int i = 0; i < problems * 4; i++) {
                run.add(new Sample(i % 3 == 0 ? "VERIFIED" : "LEAN_ERROR", "problem-" + (i % problems), null,
                        5 + i % 500, 20 + i % 900, i % 2 == 0, false, 1000 + i), store);
            }
            byte[] bytes = serde.serializer().serialize("t", run);
            int rounds = 20_000;
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up
                long t0 = System.nanoTime();
                for (int r = 0; r < rounds; r++) {
                    bytes = serde.serializer().serialize("t", serde.deserializer().deserialize("t", bytes)
                            .add(new Sample("VERIFIED", "problem-" + r % problems, null, 9, 30, true, false, 5), store));
                }
                double updateUs = (System.nanoTime() - t0) / 1e3 / rounds;
                t0 = System.nanoTime();
                int emits = Math.max(3, 100_000 / problems);
                for (int e = 0; e < emits; e++) {
                    serde.deserializer().deserialize("t", bytes).toRecord(List.of(1, 5, 10), table);
                }
                double emitMs = (System.nanoTime() - t0) / 1e6 / emits;
                if (pass == 1) {
                    System.out.printf("run stats: %,7d problems: %,8.1f us per result (counts %,d bytes),"
                            + " %,8.2f ms per emission of the whole record (each changed run, once a second)%n",
                            problems, updateUs, bytes.length, emitMs);
                }
            }
        }
    }
}
