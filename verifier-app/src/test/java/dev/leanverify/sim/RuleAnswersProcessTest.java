package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Without recordings the simulator answers by rule, keeps the REPL's per-process ids, and fails
 * the way the REPL fails on bad input. Each test runs a real simulator process.
 */
@Tag("integration")
class RuleAnswersProcessTest {
    private SimProcess sim = SimProcess.start(SimulatedReplCommand.defaults());

    @AfterEach
    void kill() {
        sim.close();
    }

    @Test
    void aPlainTheoremIsAccepted() {
        assertThat(sim.ask("{\"cmd\": \"theorem t : 2 + 2 = 4 := by norm_num\"}"))
                .isEqualTo(SimProcess.parse("{\"env\": 0}"));
        assertThat(sim.ask("{\"cmd\": \"\"}")).isEqualTo(SimProcess.parse("{\"env\": 1}"));
        assertThat(sim.ask("{\"cmd\": \"import Mathlib\\nimport Aesop\"}")).isEqualTo(SimProcess.parse("{\"env\": 2}"));
    }

    @Test
    void sorryGivesASorryAndAWarningOnTheDeclarationName() {
        JsonNode answer = sim.ask("{\"cmd\": \"-- sorry in a comment does not count\\n"
                + "theorem αβ (x : Nat) : x = x := by\\n  sorry\"}");

        assertThat(answer).isEqualTo(SimProcess.parse("{\"env\": 0,"
                + " \"sorries\": [{\"proofState\": 0, \"goal\": \"⊢ sorry-goal (simulated)\","
                + "   \"pos\": {\"line\": 3, \"column\": 2}, \"endPos\": {\"line\": 3, \"column\": 7}}],"
                + " \"messages\": [{\"severity\": \"warning\", \"data\": \"declaration uses `sorry`\","
                + "   \"pos\": {\"line\": 2, \"column\": 8}, \"endPos\": {\"line\": 2, \"column\": 10}}]}"));
    }

    @Test
    void admitInAnExampleCountsAsSorryWithTheWarningOnTheKeyword() {
        JsonNode answer = sim.ask("{\"cmd\": \"example : True := by admit\"}");

        assertThat(answer.at("/sorries/0/pos/column").intValue()).isEqualTo(21);
        assertThat(answer.at("/messages/0/pos/column").intValue()).isZero();
        assertThat(answer.at("/messages/0/endPos/column").intValue()).isEqualTo(7);
    }

    @Test
    void allTacticsListsOneTacticPerLineOfTheProof() {
        JsonNode answer = sim.ask("{\"cmd\": \"theorem t (a b : Nat) : a + b = b + a := by\\n"
                + "  intro  -- a comment\\n  omega\", \"allTactics\": true}");

        JsonNode tactics = answer.get("tactics");
        assertThat(tactics).hasSize(2);
        assertThat(tactics.get(0).get("tactic").textValue()).isEqualTo("intro");
        assertThat(tactics.get(0).get("pos")).isEqualTo(SimProcess.parse("{\"line\": 2, \"column\": 2}"));
        assertThat(tactics.get(0).get("endPos")).isEqualTo(SimProcess.parse("{\"line\": 2, \"column\": 7}"));
        assertThat(tactics.get(1).get("tactic").textValue()).isEqualTo("omega");
        assertThat(tactics.get(1).get("proofState").intValue()).isEqualTo(1);
        assertThat(tactics.get(1).get("usedConstants")).isEmpty();
        assertThat(tactics.get(1).get("goals").textValue()).isNotBlank();
    }

    @Test
    void infotreeIsASmallTreeOfTheTactics() {
        JsonNode answer = sim.ask("{\"cmd\": \"example : True := by trivial\", \"infotree\": \"full\"}");

        assertThat(answer.get("infotree")).hasSize(1);
        assertThat(answer.at("/infotree/0/node/stx/pp").textValue()).isEqualTo("trivial");
    }

    @Test
    void keepsIdsPerProcessAndRefusesUnknownOnes() {
        sim.ask("{\"cmd\": \"def f : Nat := by sorry\"}");

        assertThat(sim.ask("{\"cmd\": \"#check f\", \"env\": 7}"))
                .isEqualTo(SimProcess.parse("{\"message\": \"Unknown environment.\"}"));
        assertThat(sim.ask("{\"tactic\": \"exact 1\", \"proofState\": 3}"))
                .isEqualTo(SimProcess.parse("{\"message\": \"Unknown proof state.\"}"));
        assertThat(sim.ask("{\"tactic\": \"exact 1\", \"proofState\": 0}"))
                .isEqualTo(SimProcess.parse("{\"proofState\": 1, \"goals\": [], \"proofStatus\": \"Completed\"}"));
        assertThat(sim.ask("{\"cmd\": \"#check f\", \"env\": 0}")).isEqualTo(SimProcess.parse("{\"env\": 1,"
                + " \"messages\": [{\"severity\": \"info\", \"pos\": {\"line\": 1, \"column\": 0},"
                + " \"endPos\": {\"line\": 1, \"column\": 6}, \"data\": \"f : Nat\"}]}"));
        assertThat(sim.ask("{\"pickleTo\": \"x.olean\", \"env\": 1}")).isEqualTo(SimProcess.parse("{\"env\": 1}"));
        assertThat(sim.ask("{\"unpickleEnvFrom\": \"x.olean\"}")).isEqualTo(SimProcess.parse("{\"env\": 2}"));
    }

    @Test
    void skipsCommentRequestsWithoutAnswering() {
        sim.send("-- just a comment");

        assertThat(sim.ask("{\"cmd\": \"\"}")).isEqualTo(SimProcess.parse("{\"env\": 0}"));
    }

    @Test
    void exitsNormallyAtEndOfInput() {
        sim.ask("{\"cmd\": \"\"}");
        sim.closeStdin();

        assertThat(sim.awaitExit(SimProcess.ANSWER)).isZero();
        assertThat(sim.stderr()).startsWith(SimulatedRepl.BANNER);
    }

    @Test
    void diesOnARequestThatIsNotJsonLikeTheRepl() {
        sim.send("{\"cmd\": ");

        assertThat(sim.awaitExit(SimProcess.ANSWER)).isEqualTo(1);
        assertThat(sim.stderr()).contains("uncaught exception").contains("Could not parse JSON");
        assertThat(sim.nextResponse(Duration.ZERO)).isEmpty();
    }

    @Test
    void diesOnAnExtraBlankLineLikeTheRepl() {
        sim.ask("{\"cmd\": \"\"}");
        sim.sendRaw("\n");

        assertThat(sim.awaitExit(SimProcess.ANSWER)).isEqualTo(1);
    }

    @Test
    void diesOnJsonOfNoKnownShape() {
        sim.send("{\"foo\": 1}");

        assertThat(sim.awaitExit(SimProcess.ANSWER)).isEqualTo(1);
        assertThat(sim.stderr()).contains("uncaught exception");
    }
}
