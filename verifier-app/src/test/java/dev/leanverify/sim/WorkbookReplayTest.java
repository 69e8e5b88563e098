package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanverify.sim.SharedData;
import dev.leanverify.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Goedel workbook proofs, sent the way a client sends them (the import lines as a header
 * command, the rest as a body in that environment), get their recorded messages at the right
 * places, and the recorded timeouts never answer.
 *
 * <p>The recorded positions count line 1 from the first non-blank line after the imports, not from
 * the top of the file as the data's README says: the positions that name their text (unused
 * variables, tactics that do nothing) point at that text only so. {@link #recordedPositionsCountFromTheFirstLineAfterTheImports}
 * checks that on the data itself; the other tests build on it.
 */
@Tag("integration")
class WorkbookReplayTest {
    private static final Path DATA = SharedData.requireDataDir();
    private static final Path WORKBOOK = DATA.resolve("goedel-workbook");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NAMED = Pattern.compile("^(?:unused variable `(.+?)`|'(.+?)' tactic does nothing)");

    /** A proof file split as a client splits it. */
    record Split(String name, String file, String header, String body, int headerLines, int origin, JsonNode recording) {
        static Split of(Path proof) {
            try {
                String file = Files.readString(proof, StandardCharsets.UTF_8);
                String name = proof.getFileName().toString().replace(".lean", "");
                String[] lines = file.split("\n", -1);
                int headerLines = 0;
                while (headerLines < lines.length && lines[headerLines].startsWith("import ")) {
                    headerLines++;
                }
                int origin = headerLines;
                while (origin < lines.length && lines[origin].isBlank()) {
                    origin++;
                }
                String header = String.join("\n", List.of(lines).subList(0, headerLines));
                String body = String.join("\n", List.of(lines).subList(headerLines, lines.length));
                JsonNode recording = MAPPER.readTree(WORKBOOK.resolve("recorded").resolve(name + ".json").toFile())
                        .at("/results/0");
                return new Split(name, file, header, body, headerLines, origin + 1, recording);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        boolean timedOut() {
            return recording.path("error").isTextual();
        }

        /** The recorded messages moved to whole-file lines (see the class comment). */
        List<JsonNode> messagesInFileLines() {
            List<JsonNode> moved = new ArrayList<>();
            for (JsonNode m : recording.at("/response/messages")) {
                moved.add(shift((ObjectNode) m.deepCopy(), origin - 1));
            }
            return moved;
        }
    }

    @Test
    void recordedPositionsCountFromTheFirstLineAfterTheImports() {
        int checked = 0;
        for (Split proof : proofs()) {
            String[] lines = proof.file().split("\n", -1);
            for (JsonNode m : proof.messagesInFileLines()) {
                Matcher named = NAMED.matcher(m.get("data").textValue());
                if (named.find() && m.at("/pos/line").equals(m.at("/endPos/line"))) {
                    String line = lines[m.at("/pos/line").intValue() - 1];
                    String text = line.substring(line.offsetByCodePoints(0, m.at("/pos/column").intValue()),
                            line.offsetByCodePoints(0, m.at("/endPos/column").intValue()));
                    assertThat(text).as("%s: %s", proof.name(), m).isEqualTo(
                            named.group(1) != null ? named.group(1) : named.group(2));
                    checked++;
                }
            }
        }
        assertThat(checked).as("recorded messages that name their text").isGreaterThan(40);
    }

    @Test
    void everyRecordedProofGetsItsRecordedMessagesInBodyCoordinates() {
        List<Split> proofs = proofs().stream().filter(p -> !p.timedOut()).toList();
        int messages = 0;
        try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA)
                .withTimeScale(0.0005))) {
            for (Split proof : proofs) {
                int env = sim.ask(command(proof.header(), null)).get("env").intValue();

                JsonNode answer = sim.ask(command(proof.body(), env));

                assertThat(answer.has("env")).as("%s: %s", proof.name(), answer).isTrue();
                List<JsonNode> inFile = new ArrayList<>();
                for (JsonNode m : answer.path("messages")) {
                    inFile.add(shift((ObjectNode) m.deepCopy(), proof.headerLines()));
                }
                assertThat(inFile).as(proof.name()).isEqualTo(proof.messagesInFileLines());
                messages += inFile.size();
            }
        }
        System.out.printf("simulated REPL answered %d workbook proofs with %d recorded messages%n",
                proofs.size(), messages);
        assertThat(proofs).hasSizeGreaterThan(70);
        assertThat(messages).isGreaterThan(100);
    }

    @Test
    void findsTheProofWhateverTheSplitAndMovesTheMessagesWithIt() {
        Split proof = proofs().stream().filter(p -> p.name().equals("goedel-lean_workbook_1001")).findFirst()
                .orElseThrow();
        try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA)
                .withTimeScale(0))) {
            JsonNode whole = sim.ask(command(proof.file(), null));
            int env = sim.ask(command(proof.header() + "\n\nset_option maxHeartbeats 0", null)).get("env").intValue();
            String rest = proof.body().substring(proof.body().indexOf("set_option maxHeartbeats 0")
                    + "set_option maxHeartbeats 0".length());
            JsonNode tail = sim.ask(command(rest, env));

            int firstWarningLine = proof.messagesInFileLines().get(0).at("/pos/line").intValue();
            assertThat(whole.at("/messages/0/pos/line").intValue()).isEqualTo(firstWarningLine);
            int restStartsAtFileLine = 4; // the line break after set_option (file line 4) starts the body
            assertThat(tail.at("/messages/0/pos/line").intValue()).isEqualTo(firstWarningLine - restStartsAtFileLine + 1);
        }
    }

    @Test
    void recordedTimeoutsNeverAnswerAndKeepBurningCpu() {
        List<Split> timeouts = proofs().stream().filter(Split::timedOut).toList();
        assertThat(timeouts).isNotEmpty();
        for (Split proof : timeouts) {
            try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA))) {
                int env = sim.ask(command(proof.header(), null)).get("env").intValue();
                Duration before = sim.cpuTime();

                sim.send(command(proof.body(), env).toString());

                assertThat(sim.nextResponse(Duration.ofSeconds(2))).as(proof.name()).isEmpty();
                assertThat(sim.isAlive()).isTrue();
                Processes.await(() -> sim.cpuTime().minus(before).toMillis() >= 500, Duration.ofSeconds(20),
                        proof.name() + " burning CPU");
            }
        }
    }

    @Test
    void burnsTheRecordedTimeScaled() {
        Split slow = proofs().stream().filter(p -> p.name().equals("goedel-lean_workbook_10009")).findFirst()
                .orElseThrow(); // recorded 13.9 s
        try (SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults().withRecordings(DATA)
                .withTimeScale(0.05))) {
            int env = sim.ask(command(slow.header(), null)).get("env").intValue();
            Duration before = sim.cpuTime();

            sim.ask(command(slow.body(), env));

            assertThat(sim.cpuTime().minus(before)).isGreaterThanOrEqualTo(Duration.ofMillis(550)); // 0.69 s wanted
        }
    }

    static List<Split> proofs() {
        try (Stream<Path> files = Files.list(WORKBOOK.resolve("proofs"))) {
            return files.filter(p -> p.toString().endsWith(".lean")).sorted().map(Split::of).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ObjectNode command(String cmd, Integer env) {
        ObjectNode request = MAPPER.createObjectNode().put("cmd", cmd);
        if (env != null) {
            request.put("env", env);
        }
        return request;
    }

    private static JsonNode shift(ObjectNode message, int lines) {
        for (String field : List.of("pos", "endPos")) {
            if (message.has(field)) {
                ObjectNode pos = (ObjectNode) message.get(field);
                pos.put("line", pos.get("line").intValue() + lines);
            }
        }
        return message;
    }
}
