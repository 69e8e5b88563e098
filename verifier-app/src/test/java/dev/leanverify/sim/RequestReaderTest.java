package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RequestReaderTest {

    @Test
    void readsLinesUpToABlankLineJoinedWithNothingBetween() throws IOException {
        RequestReader reader = reader("{\"cmd\": \"a\n  b\"}  \n\n{\"cmd\": \"c\"}");

        assertThat(reader.next()).isEqualTo("{\"cmd\": \"a  b\"}\n");
        assertThat(reader.next()).isEqualTo("{\"cmd\": \"c\"}");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void anExtraBlankLineIsARequestOfItsOwnLikeInTheRepl() throws IOException {
        RequestReader reader = reader("{}\n\n\n");

        assertThat(reader.next()).isEqualTo("{}\n");
        assertThat(reader.next()).isEqualTo("\n").isNotEmpty();
    }

    private static RequestReader reader(String input) {
        return new RequestReader(new BufferedReader(new StringReader(input)));
    }
}
