package dev.leanverify.verify.strict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lean's answers to #print axioms, as Print.lean words them, read fail-closed. */
@Tag("unit")
class AxiomReplyParserTest {
    private static Message info(String text) {
        return new Message("info", new Pos(1, 0), new Pos(1, 6), text);
    }

    private static AxiomAnswer parse(String name, Message... messages) {
        return AxiomReplyParser.parse(LeanNames.components(name), List.of(messages));
    }

    private static List<String> axioms(AxiomAnswer a) {
        assertThat(a).isInstanceOf(AxiomAnswer.Axioms.class);
        return ((AxiomAnswer.Axioms) a).axioms();
    }

    @Test
    void readsTheStandardAxiomsInLeansOrderAsASet() {
        assertThat(axioms(parse("t", info("'t' depends on axioms: [propext, Classical.choice, Quot.sound]"))))
                .containsExactlyInAnyOrder("Classical.choice", "propext", "Quot.sound");
    }

    @Test
    void readsAListWrappedOverLines() {
        assertThat(axioms(parse("t", info("'t' depends on axioms: [propext,\n sorryAx,\n Classical.choice,\n"
                + " Lean.ofReduceBool,\n Quot.sound]"))))
                .containsExactly("propext", "sorryAx", "Classical.choice", "Lean.ofReduceBool", "Quot.sound");
    }

    @Test
    void noAxiomsIsAnEmptyList() {
        assertThat(axioms(parse("t", info("'t' does not depend on any axioms")))).isEmpty();
    }

    @Test
    void namespacedAndQuotedNamesMatchTheNameAskedFor() {
        assertThat(axioms(parse("Foo.bar", info("'Foo.bar' depends on axioms: [cheat, propext]"))))
                .containsExactly("cheat", "propext");
        assertThat(axioms(parse("«my thm».x", info("'«my thm».x' depends on axioms: [«weird, axiom»]"))))
                .containsExactly("«weird, axiom»");
        assertThat(axioms(parse("t₁", info("'_private.Proof.0.t₁' does not depend on any axioms")))).isEmpty();
    }

    @Test
    void unicodeNamesAreRead() {
        assertThat(axioms(parse("αβ.γ'", info("'αβ.γ'' depends on axioms: [ℵ₀.ax]")))).containsExactly("ℵ₀.ax");
    }

    @Test
    void anAnswerAboutAnotherNameIsUnreadable() {
        assertThat(parse("t", info("'u' does not depend on any axioms"))).isInstanceOf(AxiomAnswer.Unreadable.class);
        assertThat(parse("t", info("'Foo.t' depends on axioms: [propext]"))).isInstanceOf(AxiomAnswer.Unreadable.class);
    }

    @Test
    void missingExtraErrorAndGarbledRepliesAreUnreadable() {
        assertThat(parse("t")).isEqualTo(new AxiomAnswer.Unreadable("no answer"));
        assertThat(parse("t", info("'t' does not depend on any axioms"), info("'t' depends on axioms: [cheat]")))
                .isInstanceOf(AxiomAnswer.Unreadable.class);
        assertThat(parse("t", new Message("error", new Pos(1, 0), null, "unknown constant 't'")))
                .isEqualTo(new AxiomAnswer.Unreadable("error: unknown constant 't'"));
        for (String garbled : List.of("", "'t' depends on axioms: []", "'t' depends on axioms: [propext",
                "'t' depends on axioms: [propext,, Quot.sound]", "'t' depends on axioms: [a b]",
                "'t' depends on axioms: [propext, propext]", "t depends on axioms: [propext]",
                "'t' depends on axioms: [propext] and more", "declaration uses 'sorry'")) {
            assertThat(parse("t", info(garbled))).as(garbled).isInstanceOf(AxiomAnswer.Unreadable.class);
        }
        assertThat(parse("t", new Message("warning", new Pos(1, 0), null, "'t' does not depend on any axioms")))
                .isInstanceOf(AxiomAnswer.Unreadable.class);
    }

    @Test
    void namesSortAsLeansNameLt() {
        List<List<String>> names = new java.util.ArrayList<>(java.util.stream.Stream.of("Quot.sound",
                "Classical.choice", "propext", "cheat", "Lean.ofReduceBool").map(LeanNames::components).toList());
        names.sort(LeanNames::compare);
        assertThat(names.stream().map(LeanNames::write))
                .containsExactly("cheat", "propext", "Classical.choice", "Lean.ofReduceBool", "Quot.sound");
    }
}
