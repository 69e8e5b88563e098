package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.protocol.Message;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulator's #print axioms / #check answers follow general rules, with Lean's wording and wrapping. */
@Tag("unit")
class DeclarationRulesTest {
    private static List<String> answers(SimEnvironment env, String query) {
        return DeclarationRules.run(LeanSource.of(query), env).messages().stream().map(Message::data).toList();
    }

    private static SimEnvironment declare(String code) {
        return DeclarationRules.run(LeanSource.of(code), SimEnvironment.EMPTY).env();
    }

    @Test
    void axiomsFollowWhatTheProofUsesTransitively() {
        SimEnvironment env = declare("""
                axiom magic : False
                namespace Deep
                lemma helper : 1 = 2 := magic.elim
                end Deep
                theorem uses_helper : 1 = 2 := Deep.helper
                theorem by_native : 2 ^ 10 = 1024 := by native_decide
                theorem by_simp (n : ℕ) : n + 0 = n := by simp
                theorem by_term (p : Prop) (hp : p) : p := hp
                theorem by_apply (n : ℕ) : n = n := by apply?
                """);
        assertThat(answers(env, "#print axioms uses_helper")).containsExactly("'uses_helper' depends on axioms: [magic]");
        assertThat(answers(env, "#print axioms Deep.helper")).containsExactly("'Deep.helper' depends on axioms: [magic]");
        assertThat(answers(env, "#print axioms by_native"))
                .containsExactly("'by_native' depends on axioms: [Lean.ofReduceBool]");
        assertThat(answers(env, "#print axioms by_simp"))
                .containsExactly("'by_simp' depends on axioms: [propext, Classical.choice, Quot.sound]");
        assertThat(answers(env, "#print axioms by_term")).containsExactly("'by_term' does not depend on any axioms");
        assertThat(answers(env, "#print axioms by_apply")).containsExactly("'by_apply' depends on axioms: [sorryAx]");
        assertThat(answers(env, "#print axioms nowhere")).containsExactly("unknown constant 'nowhere'");
    }

    @Test
    void longAxiomListsWrapOneNamePerLine() {
        SimEnvironment env = declare("""
                axiom a_very_long_axiom_name_number_one : True
                axiom a_very_long_axiom_name_number_two : True
                theorem a_theorem_with_a_long_name_too : True ∧ True := by
                  simp [a_very_long_axiom_name_number_one, a_very_long_axiom_name_number_two]
                """);
        assertThat(answers(env, "#print axioms a_theorem_with_a_long_name_too")).containsExactly(
                "'a_theorem_with_a_long_name_too' depends on axioms: [a_very_long_axiom_name_number_one,\n"
                        + " a_very_long_axiom_name_number_two,\n propext,\n Classical.choice,\n Quot.sound]");
    }

    @Test
    void ppAllTypesChangeWhenAnInstanceOrNotationIsRedefinedBeforeTheTheorem() {
        String theorem = "theorem t (a b : ℕ) : a + b = b + a := by omega\n";
        String check = "set_option pp.all true in #check @t";
        String plain = answers(declare(theorem), check).get(0);
        String sameAgain = answers(declare("-- a comment\n" + theorem), check).get(0);
        String instance = answers(declare("instance myAdd : Add ℕ := ⟨fun _ _ => 0⟩\n" + theorem), check).get(0);
        String notation = answers(declare("local infixl:65 \" + \" => Nat.mul\n" + theorem), check).get(0);

        assertThat(plain).startsWith("@t : ∀ (a b : Nat), ").isEqualTo(sameAgain);
        assertThat(instance).isNotEqualTo(plain).contains("myAdd");
        assertThat(notation).isNotEqualTo(plain);
        assertThat(answers(declare(theorem), "#check @u")).containsExactly("unknown identifier 'u'");
    }

    @Test
    void evalPrintsItsOutputAsAnInfoMessage() {
        assertThat(answers(SimEnvironment.EMPTY, "#eval IO.println \"'t' depends on axioms: [propext]\""))
                .containsExactly("'t' depends on axioms: [propext]\n");
    }
}
