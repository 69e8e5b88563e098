package dev.leanverify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one-command demo, run in-process as `leanverify demo --json`. */
@Tag("integration")
class DemoCommandTest {
    @Test
    void demoSummaryMatchesTheBundledSampleVerdicts() throws Exception {
        CheckCommandTest.Run run = CheckCommandTest.run("demo", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("SIMULATED").contains("verified 10/10");
        JsonNode out = new ObjectMapper().readTree(run.out().strip());
        Map<String, Integer> expected = new TreeMap<>();
        DemoSample.expected().values().forEach(status -> expected.merge(status, 1, Integer::sum));
        Map<String, Integer> got = new TreeMap<>();
        out.get("summary").get("byStatus").fields().forEachRemaining(e -> got.put(e.getKey(), e.getValue().asInt()));
        assertThat(got).isEqualTo(expected);
        assertThat(out.get("matchesExpected").asBoolean()).isTrue();
        assertThat(out.get("simulatedLean").asBoolean()).isTrue();
        assertThat(expected).containsKeys("VERIFIED", "SORRY", "LEAN_ERROR", "TIMEOUT");
    }
}
