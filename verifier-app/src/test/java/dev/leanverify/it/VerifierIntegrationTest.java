package dev.leanverify.it;

import dev.leanverify.testing.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verifier on a real (embedded) broker with the simulated REPL: the Goedel set, the
 * transcript cases and a corpus of bad records, interleaved, each end exactly once where they
 * belong. {@link ContainerIntegrationTest} runs the same scenario on Testcontainers Kafka.
 */
@Tag("integration")
class VerifierIntegrationTest {
    private static EmbeddedStack stack;

    @BeforeAll
    static void startBroker() {
        stack = EmbeddedStack.start();
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyProofAndEveryBadRecordEndsExactlyOnceWhereItBelongs() {
        new FullPipelineScenario(stack).run("full", stack.settings("full"));
    }
}
