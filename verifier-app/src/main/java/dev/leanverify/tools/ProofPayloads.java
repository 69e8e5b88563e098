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
        return json(id, code, timeoutSeconds, allTactics, infotree, metadata, null, null);
    }

    /**
     * @param strict    options.strict, or null to leave it to the service's strict.default
     * @param statement the reference statement (strict mode), or null
     */
    public static byte[] json(String id, String code, Integer timeoutSeconds, boolean allTactics, String infotree,
                              Map<String, String> metadata, Boolean strict, String statement) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", id);
        o.put("code", code);
        if (timeoutSeconds != null) {
            o.put("timeoutSeconds", timeoutSeconds);
        }
        if (statement != null) {
            o.put("statement", statement);
        }
        if (allTactics || infotree != null || strict != null) {
            ObjectNode options = o.putObject("options");
            if (strict != null) {
                options.put("strict", strict);
            }
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
