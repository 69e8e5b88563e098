package dev.leanverify.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.protocol.Pos;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class HeaderSplitterTest {
    private final HeaderSplitter splitter = new HeaderSplitter(false);

    @Test
    void splitsLeadingImportsFromTheBody() {
        SplitSource s = splitter.split("import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\ntheorem t : 1 = 1 := rfl");

        assertThat(s.headerText()).isEqualTo("import Mathlib\nimport Aesop");
        assertThat(s.bodyLineOffset()).isEqualTo(2);
        assertThat(s.body()).isEqualTo("\nset_option maxHeartbeats 0\n\ntheorem t : 1 = 1 := rfl");
        assertThat(s.headerLineMap()).containsExactly(1, 2);
    }

    @Test
    void bodyPositionsShiftBackToSubmissionLines() {
        String code = "import Mathlib\nimport Aesop\n\ntheorem t : 1 = 1 := by\n  sorry";
        SplitSource s = splitter.split(code);
        // "sorry" is on body line 3, column 2; in the submission it is line 5
        assertThat(s.body().split("\n")[3 - 1].indexOf("sorry")).isEqualTo(2);
        assertThat(new Pos(3, 2).shiftLines(s.bodyLineOffset())).isEqualTo(new Pos(5, 2));
        assertThat(code.split("\n")[5 - 1].indexOf("sorry")).isEqualTo(2);
    }

    @Test
    void commentsAndBlankLinesAmongImportsBelongToTheHeader() {
        SplitSource s = splitter.split("-- a comment\n/- block\n comment -/\nimport Mathlib -- trailing\n\nimport Aesop\ntheorem x : True := trivial");

        assertThat(s.headerText()).isEqualTo("import Mathlib\nimport Aesop");
        assertThat(s.bodyLineOffset()).isEqualTo(6);
        assertThat(s.headerLineMap()).containsExactly(4, 6);
        assertThat(s.body()).isEqualTo("theorem x : True := trivial");
    }

    @Test
    void codeWithoutImportsHasAnEmptyHeaderAndNoShift() {
        SplitSource s = splitter.split("-- hello\ntheorem x : True := trivial");

        assertThat(s.headerText()).isEmpty();
        assertThat(s.bodyLineOffset()).isZero();
        assertThat(s.body()).isEqualTo("-- hello\ntheorem x : True := trivial");
    }

    @Test
    void sameImportsGiveTheSameDigestWhateverTheSpacing() {
        String a = splitter.split("import  Mathlib\nimport Aesop\ntheorem a : True := trivial").headerDigest();
        String b = splitter.split("\nimport Mathlib   \n\nimport Aesop\n\ntheorem b : True := trivial").headerDigest();
        String c = splitter.split("import Mathlib\ntheorem c : True := trivial").headerDigest();

        assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSize(16);
    }

    @Test
    void mergesMathlibSubmodulesOnlyWhenAsked() {
        String code = "import Mathlib.Data.Real.Basic\nimport Aesop\nimport Mathlib.Tactic\ntheorem x : True := trivial";

        assertThat(splitter.split(code).headerText())
                .isEqualTo("import Mathlib.Data.Real.Basic\nimport Aesop\nimport Mathlib.Tactic");
        SplitSource merged = new HeaderSplitter(true).split(code);
        assertThat(merged.headerText()).isEqualTo("import Mathlib\nimport Aesop");
        assertThat(merged.bodyLineOffset()).isEqualTo(3);
        assertThat(merged.headerLineMap()).containsExactly(1, 2);
    }

    @Test
    void aModuleDocEndsTheHeader() {
        SplitSource s = splitter.split("import Mathlib\n/-! # Docs -/\nimport Aesop");

        assertThat(s.headerText()).isEqualTo("import Mathlib");
        assertThat(s.body()).isEqualTo("/-! # Docs -/\nimport Aesop");
    }
}
