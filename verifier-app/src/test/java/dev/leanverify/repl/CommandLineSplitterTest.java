package dev.leanverify.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CommandLineSplitterTest {
    @Test
    void splitsOnWhitespaceAndHonoursQuotes() {
        assertThat(CommandLineSplitter.split("lake env  /opt/repl/.lake/build/bin/repl"))
                .containsExactly("lake", "env", "/opt/repl/.lake/build/bin/repl");
        assertThat(CommandLineSplitter.split("run 'a b' \"c \\\"d\\\"\" e\\ f"))
                .containsExactly("run", "a b", "c \"d\"", "e f");
    }

    @Test
    void rejectsAnUnbalancedQuote() {
        assertThatThrownBy(() -> CommandLineSplitter.split("repl 'oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unbalanced");
    }
}
