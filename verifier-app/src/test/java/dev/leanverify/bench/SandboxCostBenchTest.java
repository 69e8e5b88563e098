package dev.leanverify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Prints what the REPL sandbox costs (start and round trip); asserts only that both were measured. */
@Tag("integration")
@Tag("bench")
class SandboxCostBenchTest {
    @Test
    void printsStartAndRoundTripWithAndWithoutTheSandbox() throws Exception {
        SandboxCost.Figures[] figures = SandboxCost.run(10, 500);

        System.out.println("REPL sandbox cost (simulated REPL, a test double for Lean):");
        System.out.print(SandboxCost.table(figures));
        assertThat(figures[0].start().sortedMs()).hasSize(10);
        if (figures[1] != null) {
            assertThat(figures[1].roundTrip().sortedMs()).hasSize(500);
        }
    }
}
