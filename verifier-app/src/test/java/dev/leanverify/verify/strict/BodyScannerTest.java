package dev.leanverify.verify.strict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.config.StrictSettings;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Declaration names and forbidden commands found in a body, outside comments and strings. */
@Tag("unit")
class BodyScannerTest {
    private static List<String> names(String body) {
        return BodyScanner.declarations(LeanTokens.of(body)).stream().map(LeanNames::write).toList();
    }

    @Test
    void findsDeclarationsWithTheirNamespaces() {
        String body = """
                /- theorem hidden : True := trivial -/
                namespace Foo
                private lemma helper (n : ℕ) : n = n := rfl
                section
                theorem Bar.baz : True := trivial
                end
                instance (priority := high) myAdd : Add ℕ := ⟨fun _ _ => 0⟩
                instance : Inhabited ℕ := ⟨0⟩
                end Foo
                theorem _root_.top : True := trivial
                def «my def» : ℕ := 3
                -- theorem commented : True := trivial
                example : True := trivial
                """;
        assertThat(names(body)).containsExactly("Foo.helper", "Foo.Bar.baz", "Foo.myAdd", "top", "«my def»");
    }

    @Test
    void findsForbiddenCommandsWithSubmittedPositions() {
        String body = """
                set_option maxHeartbeats 400000
                set_option debug.skipKernelTC true
                -- #eval in a comment is fine
                #eval IO.println "unsafe in a string is fine"
                @[implemented_by foo] def bar : ℕ := 0
                """;
        ForbiddenCommands forbidden = new ForbiddenCommands(StrictSettings.defaults().forbiddenCommands());
        assertThat(forbidden.find(LeanTokens.of(body), 3)).extracting(Soundness.Finding::toString)
                .containsExactly("set_option debug.skipKernelTC at 5:0", "#eval at 7:0", "implemented_by at 8:2");
    }

    @Test
    void readsTheReferenceStatement() {
        ReferenceStatement r = ReferenceStatement.parse("lemma t_pos (n : ℕ) (h : 0 < n) :\n  n ≥ 1 :=").orElseThrow();
        assertThat(r.name()).containsExactly("t_pos");
        assertThat(r.command()).isEqualTo("theorem t_pos (n : ℕ) (h : 0 < n) :\n  n ≥ 1 := sorry\n"
                + "set_option pp.all true in #check @t_pos");
        assertThat(r.queryLine()).isEqualTo(3);
        assertThat(ReferenceStatement.parse("n + 0 = n")).isEmpty();
    }
}
