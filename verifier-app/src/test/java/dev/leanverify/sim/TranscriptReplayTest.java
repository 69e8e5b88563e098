package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanverify.sim.SharedData;
import dev.leanverify.repl.protocol.Framing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying a recorded REPL session into a fresh simulator reproduces what the real REPL printed,
 * for every recording of core Lean and of Mathlib.
 */
@Tag("integration")
class TranscriptReplayTest {
    private static final Path DATA = SharedData.requireDataDir();

    @Test
    void replayingEveryRecordedSessionReproducesItsRecordedOutput() throws Exception {
        List<Path> inputs;
        try (Stream<Path> walk = Files.walk(DATA.resolve("lean-repl-transcripts"))) {
            inputs = walk.filter(p -> p.toString().endsWith(".in"))
                    .filter(p -> Files.exists(expectedOf(p)))
                    .sorted().toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> replays = new ArrayList<>();
            for (Path in : inputs) {
                replays.add(pool.submit(() -> replay(in)));
            }
            int responses = 0;
            for (Future<Integer> replay : replays) {
                responses += replay.get();
            }
            System.out.printf("simulated REPL replayed %d recorded sessions (%d responses) byte for byte%n",
                    inputs.size(), responses);
            assertThat(inputs).hasSizeGreaterThan(50);
            assertThat(responses).isGreaterThan(140);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int replay(Path in) throws Exception {
        String input = Files.readString(in, StandardCharsets.UTF_8);
        List<String> expected = Framing.splitResponses(Files.readString(expectedOf(in), StandardCharsets.UTF_8));
        try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA))) {
            sim.sendRaw(input);
            sim.closeStdin();
            List<String> raw = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                raw.add(sim.nextResponse(SimProcess.ANSWER).orElseThrow(() -> new AssertionError(
                        in + ": no answer " + raw.size() + "; stderr: " + sim.stderr())) + "\n");
            }
            assertThat(sim.awaitExit(SimProcess.ANSWER)).as("%s: exit status at end of input", in).isZero();
            assertThat(sim.trailingStdout(SimProcess.ANSWER)).as("%s: output after the last answer", in).isEmpty();
            List<JsonNode> answers = raw.stream().map(SimProcess::parse).toList();
            assertThat(answers).as("answers to %s", in).isEqualTo(expected.stream().map(SimProcess::parse).toList());
            assertThat(raw).as("answers to %s, as text", in).isEqualTo(expected);
            return answers.size();
        }
    }

    private static Path expectedOf(Path in) {
        String name = in.getFileName().toString();
        return in.resolveSibling(name.substring(0, name.length() - ".in".length()) + ".expected.out");
    }

    @Test
    void aRecordedCommandInAnotherEnvironmentGetsTheRecordedAnswerWithThisProcesssIds() {
        try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA))) {
            sim.ask("{\"cmd\": \"def unrelated := 1\"}");
            sim.ask("{\"cmd\": \"theorem foo : True := by sorry\"}");

            JsonNode answer = sim.ask("{\"cmd\": \"def f (x : Unit) : Nat := by sorry\", \"env\": 1}");

            assertThat(answer.get("env").intValue()).isEqualTo(2);
            assertThat(answer.at("/sorries/0/goal").textValue()).isEqualTo("x : Unit\n⊢ Nat"); // recorded in readme
            assertThat(answer.at("/sorries/0/proofState").intValue()).isEqualTo(1);
            assertThat(answer.at("/sorries/0/pos/column").intValue()).isEqualTo(29);
            assertThat(sim.ask("{\"tactic\": \"apply Int.natAbs\", \"proofState\": 1}").get("proofState").intValue())
                    .isEqualTo(2);
        }
    }

    @Test
    void neverHandsOutAnIdTwiceWhenTheClientRepeatsARecordedSessionInAProcessThatWentAnotherWay() {
        try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA))) {
            sim.ask("{\"cmd\": \"theorem other : True := by sorry\"}"); // env 0, proof state 0
            JsonNode first = sim.ask("{\"cmd\" : \"def f (x : Unit) : Nat := by sorry\"}"); // readme.in, request 1

            // readme.in's request 2, with the recorded id: recorded answer is proof state 1, already taken here
            JsonNode second = sim.ask("{\"tactic\": \"apply Int.natAbs\", \"proofState\": 0}");

            assertThat(first.get("env").intValue()).isEqualTo(1);
            assertThat(first.at("/sorries/0/proofState").intValue()).isEqualTo(1);
            assertThat(second.get("proofState").intValue()).isEqualTo(2);
            assertThat(second.get("goals").get(0).textValue()).isEqualTo("x : Unit\n⊢ Int"); // still the recorded goals
        }
    }

    @Test
    void answersAPathRequestFromTheFileWhenNoRecordingHasIt(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("mine.lean"), "theorem mine : 1 = 1 := by\n  sorry\n");
        try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA), dir)) {
            JsonNode answer = sim.ask("{\"path\": \"mine.lean\"}");

            assertThat(answer.at("/sorries/0/pos/line").intValue()).isEqualTo(2);
            assertThat(sim.ask("{\"path\": \"missing.lean\"}").has("message")).isTrue();
        }
    }
}
