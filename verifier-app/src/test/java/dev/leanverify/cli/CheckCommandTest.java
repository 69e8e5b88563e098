package dev.leanverify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.testing.GoedelSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code leanverify check}, run in-process as a user runs it. */
@Tag("integration")
class CheckCommandTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void simulatedCheckOfTheGoedelSetGivesTheRecordedVerdictsAndPositions() throws Exception {
        List<GoedelSet.Proof> proofs = GoedelSet.load();
        List<String> args = new ArrayList<>(List.of("check", "--simulate", "--json", "--jobs", "2", "--timeout", "3",
                "--time-scale", "0.005"));
        proofs.forEach(p -> args.add(p.file().toString()));

        Run run = run(args.toArray(String[]::new));

        assertThat(run.err()).contains("SIMULATED");
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byFile = new HashMap<>();
        for (String line : run.out().strip().split("\n")) {
            JsonNode node = mapper.readTree(line);
            byFile.put(node.get("file").asText(), node);
        }
        for (GoedelSet.Proof p : proofs) {
            JsonNode r = byFile.get(p.file().toString());
            assertThat(r).as(p.name()).isNotNull();
            assertThat(r.get("status").asText()).as(p.name()).isEqualTo(p.status().name());
            assertThat(r.get("leanVersion").asText()).isEqualTo("simulated");
            assertThat(r.get("messages")).hasSize(p.messages().size());
            for (int i = 0; i < p.messages().size(); i++) {
                JsonNode m = r.get("messages").get(i);
                assertThat(m.get("data").asText()).isEqualTo(p.messages().get(i).data());
                assertThat(m.get("pos").get("line").asInt()).isEqualTo(p.messages().get(i).line());
                assertThat(m.get("pos").get("column").asInt()).isEqualTo(p.messages().get(i).column());
            }
        }
        assertThat(run.exitCode()).as("some proofs time out").isEqualTo(1);
        assertThat(run.err()).contains("checked " + proofs.size() + " file(s)");
    }

    @Test
    void strictCheckOfTheCheatManifestGivesEveryFileItsExpectedStatusAndLayer() throws Exception {
        Path manifest = dev.leanverify.sim.SharedData.requireDataDir().resolve("cheats").resolve("manifest.jsonl");

        Run run = run("check", "--simulate", "--strict", "--statements", manifest.toString(), "--json");

        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byFile = new HashMap<>();
        for (String line : run.out().strip().split("\n")) {
            JsonNode node = mapper.readTree(line);
            byFile.put(Path.of(node.get("file").asText()).getFileName().toString(), node);
        }
        List<String> expected = Files.readAllLines(manifest);
        assertThat(byFile).hasSize(expected.size());
        for (String line : expected) {
            JsonNode want = mapper.readTree(line);
            JsonNode got = byFile.get(want.get("file").asText());
            assertThat(got.get("status").asText()).as(want.get("file").asText()).isEqualTo(want.get("expect").asText());
            if (want.get("expect").asText().equals("UNSOUND")) {
                assertThat(got.at("/soundness/layer").asText()).as(want.get("file").asText())
                        .isEqualTo(want.get("layer").asText());
            }
        }
        assertThat(run("check", "--simulate", "--statement", "theorem t : True", manifest.toString()).exitCode())
                .as("--statement without --strict is bad usage").isEqualTo(2);
    }

    @Test
    void printsCompilerStyleLinesAndExitsZeroWhenEverythingVerifies() throws Exception {
        Path good = dir.resolve("good.lean");
        Files.writeString(good, "theorem t : True := trivial\n");
        Path incomplete = dir.resolve("incomplete.lean");
        Files.writeString(incomplete, "theorem u (n : Nat) : n = n := by\n  sorry\n");

        Run ok = run("check", "--simulate", good.toString());
        Run notOk = run("check", "--simulate", good.toString(), incomplete.toString());

        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains(good + ": VERIFIED").contains("1 VERIFIED");
        assertThat(notOk.exitCode()).isEqualTo(1);
        assertThat(notOk.out()).contains(incomplete + ":1:8: warning: declaration uses `sorry`")
                .contains(incomplete + ": SORRY");
    }

    @Test
    void badUsageIsExitCodeTwoWithAClearMessage() {
        Run noRepl = run("check", Path.of("x.lean").toString());
        Run missingFile = run("check", "--simulate", dir.resolve("absent.lean").toString());

        assertThat(noRepl.exitCode()).isEqualTo(2);
        assertThat(noRepl.err()).contains("lean.repl.command").contains("--simulate");
        assertThat(missingFile.exitCode()).isEqualTo(1);
        assertThat(missingFile.out()).contains("INVALID_REQUEST").contains("cannot read");
    }

    @Test
    void aMissingReplCommandIsRefusedBeforeAnyFileIsChecked() throws Exception {
        Path good = dir.resolve("good.lean");
        Files.writeString(good, "theorem t : True := trivial\n");

        Run run = run("check", "--repl-command", "/nonexistent/lean-repl", good.toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("'/nonexistent/lean-repl' was not found").contains("--simulate");
        assertThat(run.out()).isEmpty();
    }
}
