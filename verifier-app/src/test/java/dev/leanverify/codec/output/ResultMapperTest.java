package dev.leanverify.codec.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.Tactic;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ResultMapperTest {
    private final ResultMapper mapper = new ResultMapper(new StreamSettings.ResultLimits(1000, 5, 100), "i",
            new ObjectMapper());

    private static VerificationReport report(List<Message> messages, List<Tactic> tactics, String infotreeText) {
        var infotree = infotreeText == null ? null : new ObjectMapper().createObjectNode().put("t", infotreeText);
        return new VerificationReport("p", ProofStatus.LEAN_ERROR, messages, List.of(), tactics, infotree, null, null, 5,
                true, "d", "r", "simulated");
    }

    @Test
    void capsMessageCountLengthAndInfotreeAndSaysSo() {
        List<Message> many = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(new Message("error", new Pos(i + 1, 0), null, "x".repeat(i == 0 ? 500 : 10)));
        }

        var result = mapper.toResult(report(many, List.of(), "y".repeat(2000)),
                new ResultMapper.Origin(Map.of("run_id", "r"), 7, "t-0@1"), 1_000_000, 42);

        assertThat(result.getMessages()).hasSize(5);
        assertThat(result.getMessages().get(0).getData()).hasSize(100 + "… [truncated]".length());
        assertThat(result.getMessagesTruncated()).isTrue();
        assertThat(result.getInfotree()).isNull();
        assertThat(result.getInfotreeTruncated()).isTrue();
        assertThat(result.getTiming().getQueueMs()).isEqualTo(7);
        assertThat(result.getTiming().getTotalMs()).isEqualTo(8);
        assertThat(result.getMetadata()).containsEntry("run_id", "r");
    }

    @Test
    void smallResultsAreNotMarkedTruncated() {
        var result = mapper.toResult(report(List.of(new Message("info", new Pos(1, 0), null, "ok")), List.of(), "z"),
                new ResultMapper.Origin(Map.of(), 0, null), 0, 0);

        assertThat(result.getMessagesTruncated()).isFalse();
        assertThat(result.getInfotree()).isEqualTo("{\"t\":\"z\"}");
    }

    @Test
    void tacticsAreCappedToo() {
        List<Tactic> tactics = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            tactics.add(new Tactic("simp", "⊢ goal", new Pos(1, 0), new Pos(1, 4), i, List.of(), Extra.none()));
        }

        var t = mapper.toTactics(report(List.of(), tactics, null), new ResultMapper.Origin(Map.of(), 0, null), true);

        assertThat(t.getTactics()).hasSize(5);
        assertThat(t.getTruncated()).isTrue();
        assertThat(mapper.toTactics(report(List.of(), tactics, null), new ResultMapper.Origin(Map.of(), 0, null), false))
                .isNull();
    }
}
