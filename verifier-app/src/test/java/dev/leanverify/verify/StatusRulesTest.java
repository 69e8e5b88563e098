package dev.leanverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.ReplOutcome.Failure;
import dev.leanverify.repl.protocol.Extra;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.repl.protocol.Sorry;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StatusRulesTest {
    private static ReplResponse.Command command(List<Message> messages, List<Sorry> sorries) {
        return new ReplResponse.Command(0, messages, sorries, null, null, Extra.none());
    }

    private static Message message(String severity, String data) {
        return new Message(severity, new Pos(1, 0), null, data);
    }

    @Test
    void anErrorFailsTheProofWhateverElseIsThere() {
        assertThat(StatusRules.ofCommand(command(List.of(message("warning", "declaration uses `sorry`"),
                message("error", "type mismatch")), null))).isEqualTo(ProofStatus.LEAN_ERROR);
    }

    @Test
    void aSorryOrItsWarningMakesTheProofIncomplete() {
        assertThat(StatusRules.ofCommand(command(null, List.of(new Sorry("⊢ True", 0, null, null, Extra.none())))))
                .isEqualTo(ProofStatus.SORRY);
        assertThat(StatusRules.ofCommand(command(List.of(message("warning", "declaration uses 'sorry'")), null)))
                .isEqualTo(ProofStatus.SORRY);
        assertThat(StatusRules.ofCommand(command(List.of(message("warning", "declaration uses `sorry`")), null)))
                .isEqualTo(ProofStatus.SORRY);
    }

    @Test
    void warningsAndInfosAloneVerify() {
        assertThat(StatusRules.ofCommand(command(List.of(message("warning", "unused variable"),
                message("info", "Try this: ring_nf")), null))).isEqualTo(ProofStatus.VERIFIED);
        assertThat(StatusRules.ofCommand(command(null, null))).isEqualTo(ProofStatus.VERIFIED);
    }

    @Test
    void processFailuresMapToTheirStatuses() {
        assertThat(StatusRules.ofFailure(Failure.TIMEOUT, "")).isEqualTo(ProofStatus.TIMEOUT);
        assertThat(StatusRules.ofFailure(Failure.CRASH, "exit 134")).isEqualTo(ProofStatus.REPL_CRASH);
        assertThat(StatusRules.ofFailure(Failure.GARBAGE, "")).isEqualTo(ProofStatus.REPL_CRASH);
        assertThat(StatusRules.ofFailure(Failure.MEMORY, "")).isEqualTo(ProofStatus.RESOURCE_LIMIT);
        assertThat(StatusRules.ofFailure(Failure.CRASH, "INTERNAL PANIC: out of memory"))
                .isEqualTo(ProofStatus.RESOURCE_LIMIT);
        assertThat(StatusRules.ofFailure(Failure.START_FAILED, "")).isEqualTo(ProofStatus.INTERNAL_ERROR);
    }
}
