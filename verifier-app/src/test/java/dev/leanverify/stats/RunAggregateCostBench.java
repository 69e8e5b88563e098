package dev.leanverify.stats;

import dev.leanverify.schema.GeneratedClasses;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What one aggregate update costs the stream thread that owns a run: the store reads the run's
 * aggregate, adds the sample and writes it back (both through {@link RunAggregateSerde}), so the
 * cost grows with the problem table. Prints figures; asserts nothing about speed.
 */
@Tag("bench")
class RunAggregateCostBench {

    @Test
    void printsTheCostOfOneUpdateByProblemTableSize() {
        GeneratedClasses.trust();
        RunAggregateSerde serde = new RunAggregateSerde(List.of(1, 5, 10), 1_000_000);
        for (int problems : new int[] {10, 1_000, 10_000, 100_000}) {
            RunAggregate run = RunAggregate.empty("bench", 1_000_000);
            for (int i = 0; i < problems * 4; i++) {
                run.add(new Sample(i % 3 == 0 ? "VERIFIED" : "LEAN_ERROR", "problem-" + (i % problems), null,
                        5 + i % 500, 20 + i % 900, i % 2 == 0, false, 1000 + i));
            }
            byte[] bytes = serde.serializer().serialize("t", run);
            int rounds = Math.max(20, 200_000 / problems);
            for (int warm = 0; warm < rounds; warm++) {
                bytes = serde.serializer().serialize("t", serde.deserializer().deserialize("t", bytes)
                        .add(new Sample("VERIFIED", "problem-" + warm % problems, null, 9, 30, true, false, 5)));
            }
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                bytes = serde.serializer().serialize("t", serde.deserializer().deserialize("t", bytes)
                        .add(new Sample("VERIFIED", "problem-" + r % problems, null, 9, 30, true, false, 5)));
            }
            double us = (System.nanoTime() - t0) / 1e3 / rounds;
            System.out.printf("run stats update: %,7d problems, aggregate %,9d bytes, %,10.1f us per result"
                    + " (read + add + write)%n", problems, bytes.length, us);
        }
    }
}
