package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.protocol.Pos;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RuleAnswersTest {

    @Test
    void warnsOncePerDeclarationThatUsesSorryAtItsName() {
        LeanSource source = LeanSource.of("lemma a : True := sorry\n\ntheorem b : True := by\n  constructor\n"
                + "  all_goals sorry\n  sorry\n\ndef c : Nat := 1\n\ninstance : Inhabited Nat := sorry");

        Elaboration e = RuleAnswers.answer(source, false, null, new AtomicInteger()::getAndIncrement);

        assertThat(e.sorries()).hasSize(4);
        assertThat(e.sorries()).extracting(s -> s.proofState()).containsExactly(0, 1, 2, 3);
        assertThat(e.messages()).extracting(m -> m.pos()).containsExactly(
                new Pos(1, 6), new Pos(3, 8), new Pos(10, 0));
        assertThat(e.messages()).extracting(m -> m.endPos()).containsExactly(
                new Pos(1, 7), new Pos(3, 9), new Pos(10, 8));
        assertThat(e.tactics()).isEmpty();
        assertThat(e.infotree()).isNull();
    }

    @Test
    void drawsTacticIdsAfterSorryIdsLikeTheRepl() {
        LeanSource source = LeanSource.of("theorem t : True := by skip\n  sorry");

        Elaboration e = RuleAnswers.answer(source, true, null, new AtomicInteger(5)::getAndIncrement);

        assertThat(e.sorries()).extracting(s -> s.proofState()).containsExactly(5);
        assertThat(e.tactics()).extracting(t -> t.tactic()).containsExactly("skip", "sorry");
        assertThat(e.tactics()).extracting(t -> t.proofState()).containsExactly(6, 7);
        assertThat(e.tactics().get(0).pos()).isEqualTo(new Pos(1, 23));
    }

    @Test
    void acceptsWhatHasNoSorry() {
        Elaboration e = RuleAnswers.answer(LeanSource.of("import Mathlib\n#eval 1 + 1"), false, null, () -> {
            throw new AssertionError("no proof state expected");
        });

        assertThat(e).isEqualTo(Elaboration.empty());
    }
}
