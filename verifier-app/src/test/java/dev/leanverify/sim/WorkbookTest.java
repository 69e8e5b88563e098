package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.protocol.Pos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class WorkbookTest {
    private static final String PROOF = "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\n"
            + "theorem t (h : 1 = 1) : True := by\n  trivial\n";

    @Test
    void matchesWhateverPartOfTheFileHoldsTheDeclarationsAndMovesRecordedPositionsThere(@TempDir Path dir)
            throws IOException {
        Workbook workbook = workbook(dir, "{\"results\": [{\"custom_id\": \"t\", \"error\": null, \"response\": "
                + "{\"messages\": [{\"severity\": \"warning\", \"pos\": {\"line\": 3, \"column\": 11},"
                + " \"endPos\": {\"line\": 3, \"column\": 12}, \"data\": \"unused variable `h`\"}], \"time\": 2.5}}]}");
        Pos recorded = new Pos(3, 11); // file line 6: line 1 is the set_option line

        assertThat(workbook.match(PROOF).orElseThrow().toBody(recorded)).contains(new Pos(6, 11));
        assertThat(workbook.match(PROOF.substring(28)).orElseThrow().toBody(recorded)).contains(new Pos(4, 11));
        assertThat(workbook.match("\n\n" + PROOF.substring(PROOF.indexOf("theorem"))).orElseThrow().toBody(recorded))
                .contains(new Pos(3, 11));
        assertThat(workbook.match(PROOF).orElseThrow().toBody(new Pos(0, 0))).contains(new Pos(0, 0));
    }

    @Test
    void doesNotMatchABodyThatLeavesADeclarationOut(@TempDir Path dir) throws IOException {
        Workbook workbook = workbook(dir, "{\"results\": [{\"error\": null, \"response\": {\"time\": 1}}]}");

        assertThat(workbook.match("trivial")).isEmpty();
        assertThat(workbook.match("theorem other : True := by\n  trivial")).isEmpty();
    }

    @Test
    void aRecordedTimeoutIsAProofThatNeverEnds(@TempDir Path dir) throws IOException {
        Workbook workbook = workbook(dir, "{\"results\": [{\"error\": \"Lean process timed out\", \"response\": null}]}");

        Workbook.Recording recording = workbook.match(PROOF).orElseThrow().proof().recording();
        assertThat(recording.timedOut()).isTrue();
        assertThat(recording.messages()).isEmpty();
    }

    private static Workbook workbook(Path dir, String recording) throws IOException {
        Files.createDirectories(dir.resolve("proofs"));
        Files.createDirectories(dir.resolve("recorded"));
        Files.writeString(dir.resolve("proofs/t.lean"), PROOF);
        Files.writeString(dir.resolve("recorded/t.json"), recording);
        return Workbook.load(List.of(dir), new SimJson());
    }
}
