package dev.leanverify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leanverify bench --quick --json} end to end: a broker, verifier instances and simulated
 * REPLs as processes, about three minutes. Tagged {@code bench}, so the default run leaves it out:
 * {@code mvn -B -pl verifier-app -am test -Dgroups=bench -Dexcluded.test.groups=slow}.
 */
@Tag("integration")
@Tag("bench")
class BenchCommandSmokeTest {
    @TempDir
    Path dir;

    @Test
    void theQuickBenchmarkRunsEveryScenarioAndReportsTheFigures() throws Exception {
        var cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int code = cl.execute("bench", "--quick", "--json", "--out", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        System.out.println("bench --quick targets: " + report.get("targets"));
        assertThat(report.get("simulatedLean").asBoolean()).isTrue();
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("efficiency")).hasSize(2);
        assertThat(report.get("driver").get("replSendMs").get("p50").asDouble()).isPositive();
        assertThat(report.get("headerCache").get("freshOverWarm").asDouble()).isGreaterThan(1);
        assertThat(report.get("overhead").get("latency")).hasSize(2);
        assertThat(report.get("routing")).hasSize(2);
        // the scale scenario, small: 8 slots and 2 instances x 4, cold and warm, waiting proofs, idle CPU
        JsonNode scale = report.get("scale");
        assertThat(scale.get("simulatedRepl").asText()).contains("SIMULATED");
        assertThat(scale.get("runs")).hasSize(4);
        assertThat(scale.get("runs").findValuesAsText("run")).containsExactly("scale-8-cold", "scale-8-warm",
                "scale-2x4-cold", "scale-2x4-warm");
        assertThat(scale.at("/runs/1/idle/verifierCoresPerInstance").isNumber()).isTrue();
        assertThat(scale.at("/runs/1/achievedOverIdeal").asDouble()).isPositive();
        assertThat(err.toString()).contains("SIMULATED");
        for (String file : new String[] {"report.json", "report.md", "throughput.png", "latency.png", "routing.png",
                "header-cache.png", "scale.png"}) {
            assertThat(dir.resolve(file)).exists();
        }
        assertThat(Files.readString(dir.resolve("report.md"))).contains("Lean was SIMULATED");
    }
}
