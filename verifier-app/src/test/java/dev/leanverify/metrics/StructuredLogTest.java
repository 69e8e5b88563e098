package dev.leanverify.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LEANVERIFY_LOG_FORMAT=json makes every log line one JSON object (on stderr; stdout stays the output). */
@Tag("integration")
class StructuredLogTest {
    @TempDir
    Path dir;

    @Test
    void jsonLogFormatWritesOneObjectPerLine() throws Exception {
        Path proof = dir.resolve("p.lean");
        Files.writeString(proof, "theorem t : True := trivial\n");
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "check", "--simulate", proof.toString());
        pb.environment().put("LEANVERIFY_LOG_FORMAT", "json");
        pb.environment().put("LEANVERIFY_LOG_LEVEL", "debug");
        pb.redirectError(dir.resolve("err").toFile()).redirectOutput(dir.resolve("out").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("out"))).contains("VERIFIED");
        List<String> logLines = Files.readAllLines(dir.resolve("err"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("{")).toList();
        assertThat(logLines).isNotEmpty();
        ObjectMapper mapper = new ObjectMapper();
        boolean sawDebug = false;
        for (String line : logLines) {
            JsonNode node = mapper.readTree(line);
            assertThat(node.has("message")).as(line).isTrue();
            assertThat(node.has("@timestamp")).as(line).isTrue();
            sawDebug |= "DEBUG".equals(node.path("log.level").asText());
        }
        assertThat(sawDebug).as("debug lines at LEANVERIFY_LOG_LEVEL=debug").isTrue();
    }
}
