package dev.leanverify.repl.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.sim.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every request and response recorded from the real REPL parses into the typed protocol and
 * writes back to the same JSON value. Recordings of other Lean versions can be added with
 * LEAN_TRANSCRIPTS_EXTRA (colon-separated folders).
 */
@Tag("unit")
class ProtocolConformanceTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ReplJson json = new ReplJson(mapper);

    @Test
    void everyRecordedRequestAndResponseRoundTrips() throws Exception {
        List<Path> roots = new ArrayList<>();
        roots.add(SharedData.requireDataDir().resolve("lean-repl-transcripts"));
        String extra = System.getenv("LEAN_TRANSCRIPTS_EXTRA");
        if (extra != null && !extra.isBlank()) {
            for (String dir : extra.split(":")) {
                if (!dir.isBlank()) {
                    Path root = Path.of(dir);
                    assertThat(root).as("LEAN_TRANSCRIPTS_EXTRA entry").isDirectory();
                    roots.add(root);
                }
            }
        }
        int inFiles = 0;
        int outFiles = 0;
        int requests = 0;
        int responses = 0;
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".in")) {
                    inFiles++;
                    for (String request : Framing.splitRequests(read(file))) {
                        JsonNode original = mapper.readTree(request);
                        ReplRequest parsed = json.parseRequest(request);
                        assertThat(mapper.readTree(json.requestLine(parsed)))
                                .as("request in %s: %s", file, request)
                                .isEqualTo(original);
                        requests++;
                    }
                } else if (name.endsWith(".expected.out")) {
                    outFiles++;
                    for (String response : Framing.splitResponses(read(file))) {
                        JsonNode original = mapper.readTree(response);
                        ReplResponse parsed = json.parseResponse(response);
                        assertThat(json.toJson(parsed)).as("response in %s: %s", file, response).isEqualTo(original);
                        responses++;
                    }
                }
            }
        }
        System.out.printf("protocol conformance: %d request files (%d requests), %d response files (%d responses) "
                + "round-tripped from %s%n", inFiles, requests, outFiles, responses, roots);
        assertThat(responses).as("recorded responses found").isGreaterThan(100);
        assertThat(requests).isGreaterThanOrEqualTo(responses);
    }

    @Test
    void keepsFieldsANewerReplAdds() throws Exception {
        String response = "{\"env\": 3, \"messages\": [{\"severity\": \"info\", \"pos\": {\"line\": 1, \"column\": 0},"
                + " \"data\": \"hi\", \"kind\": \"trace.debug\"}], \"heartbeats\": 1234}";

        ReplResponse parsed = json.parseResponse(response);

        assertThat(parsed).isInstanceOf(ReplResponse.Command.class);
        assertThat(parsed.extra().fields()).containsKey("heartbeats");
        assertThat(json.toJson(parsed)).isEqualTo(mapper.readTree(response));
    }

    @Test
    void rejectsWhatIsNotAResponse() {
        for (String garbage : List.of("Lean panicked", "[1, 2]", "{\"foo\": 1}", "{\"env\": \"x\"}",
                "{\"env\": 0, \"messages\": [{\"severity\": \"error\"}]}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.parseResponse(garbage))
                    .as(garbage)
                    .isInstanceOf(ReplProtocolException.class);
        }
    }

    @Test
    void joinsRawLineBreaksInsideARequestLikeTheRepl() {
        List<String> requests = Framing.splitRequests("{\"cmd\": \"theorem foo : 1 = 1 := by\n  sorry\"}\n\n"
                + "-- a comment line\n{\"cmd\": \"x\"}\n");

        assertThat(requests).containsExactly("{\"cmd\": \"theorem foo : 1 = 1 := by  sorry\"}", "{\"cmd\": \"x\"}");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
