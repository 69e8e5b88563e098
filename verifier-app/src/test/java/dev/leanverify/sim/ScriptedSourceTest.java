package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.protocol.Pos;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ScriptedSourceTest {

    @Test
    void readsDirectivesWithTheirLinesAndArguments() {
        ScriptedSource script = ScriptedSource.of("theorem t : True := by\n  trivial -- sim: cost 250\n"
                + "-- sim: error  went wrong \n--sim:exit 3");

        assertThat(script.directives()).containsExactly(
                new Directive(Directive.Kind.COST, "250", 250, 2),
                new Directive(Directive.Kind.ERROR, "went wrong", 0, 3),
                new Directive(Directive.Kind.EXIT, "3", 3, 4));
        assertThat(script.problems()).isEmpty();
        assertThat(script.total(Directive.Kind.COST)).isEqualTo(250);
    }

    @Test
    void reportsUnknownAndMalformedDirectivesAsProblems() {
        ScriptedSource script = ScriptedSource.of("-- sim: teleport\n-- sim: cost soon\n-- sim: memory -5\n"
                + "-- sim: write-file");

        assertThat(script.directives()).isEmpty();
        assertThat(script.problems()).extracting(ScriptedSource.Problem::line).containsExactly(1, 2, 3, 4);
        assertThat(script.problems().get(0).text()).startsWith("unknown sim directive `teleport`");
        assertThat(script.problems().get(1).text()).contains("needs a number");
    }

    @Test
    void ignoresDirectiveTextInStringsAndBlockCommentsAndOrdinaryComments() {
        ScriptedSource script = ScriptedSource.of("#eval \"-- sim: crash\"\n/- -- sim: crash -/\n-- simulation: crash");

        assertThat(script.directives()).isEmpty();
        assertThat(script.problems()).isEmpty();
    }

    @Test
    void cleanSourceDropsDirectiveLinesAndMapsLinesBack() {
        ScriptedSource script = ScriptedSource.of("-- sim: cost 1\ntheorem t : True := by\n"
                + "  trivial  -- sim: info hi\n-- sim: garbage\n  done");

        assertThat(script.clean()).isEqualTo("theorem t : True := by\n  trivial\n  done");
        assertThat(script.originalLine(1)).isEqualTo(2);
        assertThat(script.originalLine(2)).isEqualTo(3);
        assertThat(script.originalLine(3)).isEqualTo(5);
        assertThat(script.originalLine(0)).isZero();
    }

    @Test
    void sourceWithoutDirectivesIsItsOwnCleanSource() {
        String text = "theorem t : True := by\n  trivial -- a comment\n\n";

        assertThat(ScriptedSource.of(text).clean()).isEqualTo(text);
    }

    @Test
    void positionsCountCodePointsAsLeanDoes() {
        LeanSource source = LeanSource.of("example (x : 𝔽) (y : ℝ) : x = x := sorry");

        int sorry = source.findWord("sorry").get(0);
        assertThat(source.pos(sorry)).isEqualTo(new Pos(1, 35));
        assertThat(sorry).isEqualTo(36); // one more UTF-16 unit: 𝔽 is outside the BMP
    }

    @Test
    void findsWordsOnlyAsWholeTokensInCode() {
        LeanSource source = LeanSource.of("theorem sorry_free : True := by\n  exact h.sorry -- sorry\n"
                + "  /- sorry /- nested -/ sorry -/ trivial -- \"sorry\"\n  sorry'\n  sorry");

        assertThat(source.findWord("sorry")).hasSize(1);
        assertThat(source.pos(source.findWord("sorry").get(0))).isEqualTo(new Pos(5, 2));
    }
}
