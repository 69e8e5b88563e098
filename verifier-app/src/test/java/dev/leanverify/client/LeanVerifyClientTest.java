package dev.leanverify.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.testing.EmbeddedStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Java client against a running verifier on the embedded broker. */
@Tag("integration")
class LeanVerifyClientTest {
    private static EmbeddedStack stack;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
        settings = stack.settings("client");
        stack.startVerifier(settings);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static LeanVerifyClient.Builder client() {
        return LeanVerifyClient.builder().bootstrapServers(stack.bootstrapServers())
                .topics(settings.get("topics.proofs"), settings.get("topics.results"));
    }

    @Test
    void resultsComeBackMatchedByIdWithABoundedNumberInFlight() throws Exception {
        try (LeanVerifyClient client = client().maxInFlight(4).deadline(Duration.ofMinutes(2)).build()) {
            List<CompletableFuture<VerificationResult>> futures = new ArrayList<>();
            int maxSeenInFlight = 0;
            for (int i = 0; i < 24; i++) {
                String code = i % 3 == 0 ? "theorem t" + i + " (n : Nat) : n = n := by\n  sorry"
                        : "-- sim: cost 50\ntheorem t" + i + " : True := trivial";
                futures.add(client.verify("client-" + i, code));
                maxSeenInFlight = Math.max(maxSeenInFlight, client.inFlight());
            }
            for (int i = 0; i < futures.size(); i++) {
                VerificationResult r = futures.get(i).get(2, TimeUnit.MINUTES);
                assertThat(r.getId()).isEqualTo("client-" + i);
                assertThat(r.getStatus()).isEqualTo(i % 3 == 0 ? VerificationStatus.SORRY : VerificationStatus.VERIFIED);
            }
            assertThat(maxSeenInFlight).isLessThanOrEqualTo(4);
            assertThat(client.inFlight()).isZero();
        }
    }

    @Test
    void aProofPastItsDeadlineFailsWithATimeout() throws Exception {
        try (LeanVerifyClient client = client().deadline(Duration.ofMillis(800)).build()) {
            CompletableFuture<VerificationResult> slow = client.verify("client-slow", "-- sim: sleep 5000\ntheorem s : True := trivial");

            assertThatThrownBy(() -> slow.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("client-slow");
            assertThat(client.inFlight()).isZero();
        }
    }

    @Test
    void anIdAlreadyInFlightIsRefused() throws Exception {
        try (LeanVerifyClient client = client().build()) {
            client.verify("client-twice", "-- sim: sleep 2000\ntheorem s : True := trivial");

            assertThatThrownBy(() -> client.verify("client-twice", "theorem s : True := trivial"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already awaiting");
        }
    }
}
