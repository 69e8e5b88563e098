package dev.leanverify.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds the JSON value of a proof request, the format any producer can write. */
public final class ProofPayloads {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProofPayloads() {
    }

    /**
     * @param timeoutSeconds null for the verifier's default
     * @param infotree       null for none
     */
    public static byte[] json(String id, String code, Integer timeoutSeconds, boolean allTactics, String infotree,
                              Map<String, String> metadata) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", id);
        o.put("code", code);
        if (timeoutSeconds != null) {
            o.put("timeoutSeconds", timeoutSeconds);
        }
        if (allTactics || infotree != null) {
            ObjectNode options = o.putObject("options");
            if (allTactics) {
                options.put("allTactics", true);
            }
            if (infotree != null) {
                options.put("infotree", infotree);
            }
        }
        ObjectNode m = o.putObject("metadata");
        metadata.forEach(m::put);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
