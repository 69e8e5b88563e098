package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.sim.SharedData;
import dev.leanverify.testing.Processes;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each {@code -- sim:} directive and cost setting does what it says, on a real simulator process. */
@Tag("integration")
class DirectivesProcessTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MB = 1 << 20;
    private SimProcess sim;

    @AfterEach
    void kill() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimProcess start(SimulatedReplCommand command) {
        sim = SimProcess.start(command);
        return sim;
    }

    private SimProcess start() {
        return start(SimulatedReplCommand.defaults());
    }

    private static String cmd(String source) {
        return MAPPER.createObjectNode().put("cmd", source).toString();
    }

    @Test
    void costBurnsCpuBeforeAnswering() {
        start().ask(cmd(""));
        Duration before = sim.cpuTime();
        long started = System.nanoTime();

        sim.ask(cmd("theorem t : True := by\n  trivial -- sim: cost 600"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(sim.cpuTime().minus(before)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void waitModeSpendsCostsAsWallTimeWithoutCpu() {
        start(SimulatedReplCommand.defaults().withWaitCost(true).withHeaderLoadMs(500)
                .withRecordings(SharedData.requireDataDir())).ask(cmd(""));
        Duration before = sim.cpuTime();
        long started = System.nanoTime();

        // a header load (500 ms) and a cost directive (1500 ms), both waited
        JsonNode answer = sim.ask(cmd("import Mathlib\n\ntheorem t : True := by\n  trivial -- sim: cost 1500"));

        assertThat(answer.has("env")).as(answer.toString()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
        // a burning simulator would have used ~2000 ms; waiting leaves only parsing and answering
        assertThat(sim.cpuTime().minus(before)).isLessThan(Duration.ofMillis(400));
        assertThat(sim.stderr()).contains("costs waited (sleep, no CPU)");
    }

    @Test
    void waitModeWaitsARecordedProofsScaledTime() throws IOException {
        Path workbook = SharedData.requireDataDir().resolve("goedel-workbook");
        String name = "goedel-lean_workbook_10016";
        Path file = workbook.resolve("proofs/" + name + ".lean");
        double recordedSeconds = MAPPER.readTree(workbook.resolve("recorded/" + name + ".json").toFile())
                .at("/results/0/response/time").asDouble();
        assertThat(recordedSeconds).isGreaterThan(1);
        start(SimulatedReplCommand.defaults().withWaitCost(true).withTimeScale(0.5)
                .withRecordings(SharedData.requireDataDir())).ask(cmd(""));
        Duration before = sim.cpuTime();
        long started = System.nanoTime();

        sim.ask(cmd(Files.readString(file)));

        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        assertThat(wall).isGreaterThanOrEqualTo(Duration.ofMillis((long) (recordedSeconds * 1000 * 0.5)));
        assertThat(sim.cpuTime().minus(before)).isLessThan(wall.dividedBy(2));
    }

    @Test
    void messageDirectivesAddMessagesOnTheirOwnLine() {
        JsonNode answer = start().ask(cmd("theorem t : True := by\n  trivial\n-- sim: error  it broke\n"
                + "-- sim: warning careful\n  -- sim: info fyi\n-- sim: frobnicate 3"));

        assertThat(answer.get("messages")).containsExactly(
                message("error", 3, 0, 3, 23, "it broke"),
                message("warning", 4, 0, 4, 23, "careful"),
                message("info", 5, 0, 5, 18, "fyi"),
                answer.get("messages").get(3));
        assertThat(answer.at("/messages/3/data").textValue()).startsWith("unknown sim directive `frobnicate`");
        assertThat(answer.at("/messages/3/severity").textValue()).isEqualTo("error");
    }

    @Test
    void crashExitsWith134AndAPanicWithoutAnswering() {
        start().send(cmd("theorem t : True := by -- sim: crash\n  trivial"));

        assertThat(sim.awaitExit(SimProcess.ANSWER)).isEqualTo(134);
        assertThat(sim.stderr()).contains("INTERNAL PANIC");
        assertThat(sim.nextResponse(Duration.ZERO)).isEmpty();
        assertThat(sim.trailingStdout(SimProcess.ANSWER)).isEmpty();
    }

    @Test
    void exitExitsWithTheGivenStatusWithoutAnswering() {
        start().send(cmd("-- sim: exit 7"));

        assertThat(sim.awaitExit(SimProcess.ANSWER)).isEqualTo(7);
        assertThat(sim.trailingStdout(SimProcess.ANSWER)).isEmpty();
    }

    @Test
    void hangNeverAnswersAndBurnsCpu() {
        start().ask(cmd(""));
        Duration before = sim.cpuTime();

        sim.send(cmd("theorem t : True := by\n  decide -- sim: hang"));

        Processes.await(() -> sim.cpuTime().minus(before).toMillis() >= 1000, Duration.ofSeconds(20), "CPU burnt");
        assertThat(sim.nextResponse(Duration.ZERO)).isEmpty();
        assertThat(sim.isAlive()).isTrue();
    }

    @Test
    void sleepHangNeverAnswersAndBurnsNothing() {
        start().ask(cmd(""));
        sim.send(cmd("-- sim: sleep-hang"));
        Duration before = sim.cpuTime();

        assertThat(sim.nextResponse(Duration.ofMillis(1500))).isEmpty();
        assertThat(sim.isAlive()).isTrue();
        assertThat(sim.cpuTime().minus(before)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void garbageIsALineOfNonJsonThenABlankLine() {
        start().send(cmd("-- sim: garbage"));

        String answer = sim.nextResponse(SimProcess.ANSWER).orElseThrow();
        assertThat(answer).startsWith("<<<garbage>>>").doesNotContain("\n");
        assertThat(sim.ask(cmd("")).has("env")).as("still serving").isTrue();
    }

    @Test
    void partialPrintsHalfAnAnswerAndExits() {
        start().send(cmd("theorem t : True := by\n  sorry -- sim: partial"));

        assertThat(sim.awaitExit(SimProcess.ANSWER)).isEqualTo(1);
        String half = sim.trailingStdout(SimProcess.ANSWER);
        assertThat(half).startsWith("{").isNotBlank().doesNotContain("\n\n");
        assertThat(sim.nextResponse(Duration.ZERO)).isEmpty();
        assertThat(isJson(half)).isFalse();
    }

    @Test
    void stderrFloodWritesTheBytesThenAnswers() {
        start().ask(cmd(""));
        long before = sim.stderrBytes();

        JsonNode answer = sim.ask(cmd("-- sim: stderr-flood 8"));

        assertThat(answer.get("env").intValue()).isEqualTo(1);
        Processes.await(() -> sim.stderrBytes() - before >= 8 * MB, SimProcess.ANSWER, "8 MB on stderr");
    }

    @Test
    void memoryHoldsResidentMemoryAndAnswers() {
        start().ask(cmd(""));
        long before = sim.residentBytes();

        JsonNode answer = sim.ask(cmd("-- sim: memory 300"));

        assertThat(answer.at("/messages/0/data").textValue()).contains("300 MB");
        assertThat(sim.residentBytes() - before).isGreaterThan(280 * MB);
    }

    @Test
    void memoryGrowKeepsGrowingWithoutAnswering() {
        start().ask(cmd(""));
        long before = sim.residentBytes();

        sim.send(cmd("-- sim: memory-grow 400"));

        Processes.await(() -> sim.residentBytes() - before > 600 * MB, SimProcess.ANSWER, "RSS +600 MB");
        assertThat(sim.nextResponse(Duration.ZERO)).isEmpty();
    }

    @Test
    void spawnChildLeavesALiveChildUnderTheSimulator() {
        JsonNode answer = start().ask(cmd("-- sim: spawn-child"));

        Matcher pid = Pattern.compile("pid (\\d+)").matcher(answer.at("/messages/0/data").textValue());
        assertThat(pid.find()).isTrue();
        long child = Long.parseLong(pid.group(1));
        List<Long> descendants = sim.descendants().stream().map(ProcessHandle::pid).toList();
        assertThat(descendants).contains(child);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).contains(true);
    }

    @Test
    void writeFileWritesTheFile(@TempDir Path dir) {
        Path target = dir.resolve("escaped.txt");

        JsonNode answer = start().ask(cmd("-- sim: write-file " + target));

        assertThat(target).exists().content().contains("simulated Lean REPL");
        assertThat(answer.at("/messages/0/data").textValue()).contains("wrote file");
    }

    @Test
    void openSocketSaysWhetherItConnected() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (ServerSocket server = new ServerSocket(0)) {
            JsonNode open = start().ask(cmd("-- sim: open-socket 127.0.0.1:" + server.getLocalPort()));
            JsonNode closed = sim.ask(cmd("-- sim: open-socket 127.0.0.1:" + closedPort));

            assertThat(open.at("/messages/0/data").textValue()).startsWith("sim: connected");
            assertThat(closed.at("/messages/0/data").textValue()).startsWith("sim: could not connect");
        }
    }

    @Test
    void eachDistinctHeaderBurnsItsLoadTimeOncePerProcess() {
        start(SimulatedReplCommand.defaults().withHeaderLoadMs(800)).ask(cmd(""));
        Duration start = sim.cpuTime();

        sim.ask(cmd("import Mathlib\nimport Aesop"));
        Duration first = sim.cpuTime().minus(start);
        sim.ask(cmd("import Aesop\nimport Mathlib"));
        Duration again = sim.cpuTime().minus(start).minus(first);

        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(again).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void headersHoldTheirMemory() {
        start(SimulatedReplCommand.defaults().withHeaderMemoryMb(256)).ask(cmd(""));
        long before = sim.residentBytes();

        sim.ask(cmd("import Mathlib"));

        assertThat(sim.residentBytes() - before).isGreaterThan(240 * MB);
    }

    @Test
    void failStartExitsAtOnce() {
        assertThat(start(SimulatedReplCommand.defaults().withFailStart(true)).awaitExit(SimProcess.ANSWER))
                .isEqualTo(1);
    }

    @Test
    void startDelayDelaysTheFirstAnswer() {
        long started = System.nanoTime();

        start(SimulatedReplCommand.defaults().withStartDelayMs(1500)).ask(cmd(""));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void directivesWorkOnRecordedProofsAndKeepTheirPositionsRight() throws IOException {
        Path data = SharedData.requireDataDir();
        String file = Files.readString(data.resolve("goedel-workbook/proofs/goedel-lean_workbook_1001.lean"));
        String body = file.substring(file.indexOf("set_option"));
        int firstWarning = 18; // recorded line of the first warning, counted from the set_option line

        JsonNode answer = start(SimulatedReplCommand.defaults().withRecordings(data))
                .ask(cmd("-- sim: info scripted\n-- sim: cost 10\n" + body));

        assertThat(answer.at("/messages/0/pos/line").intValue()).isEqualTo(firstWarning + 2);
        assertThat(answer.at("/messages/0/data").textValue()).startsWith("this tactic is never executed");
        assertThat(answer.at("/messages/4/data").textValue()).isEqualTo("scripted");
        assertThat(answer.at("/messages/4/pos/line").intValue()).isEqualTo(1);
    }

    private static JsonNode message(String severity, int line, int column, int endLine, int endColumn, String data) {
        return SimProcess.parse(String.format("{\"severity\": \"%s\", \"pos\": {\"line\": %d, \"column\": %d},"
                + " \"endPos\": {\"line\": %d, \"column\": %d}, \"data\": \"%s\"}",
                severity, line, column, endLine, endColumn, data));
    }

    private static boolean isJson(String text) {
        try {
            MAPPER.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
