package dev.leanverify.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Proof requests for the scenarios: plain JSON, with {@code -- sim:} directives for the simulated REPL. */
final class Proofs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Proofs() {
    }

    /** A request whose code carries {@code directives} (each becomes a {@code -- sim:} line); no key. */
    static byte[][] request(String id, Integer timeoutSeconds, String body, String... directives) {
        StringBuilder code = new StringBuilder();
        for (String d : directives) {
            code.append("-- sim: ").append(d).append('\n');
        }
        code.append(body);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", id);
        o.put("code", code.toString());
        if (timeoutSeconds != null) {
            o.put("timeoutSeconds", timeoutSeconds);
        }
        o.putObject("metadata").put("scenario", "reliability");
        return new byte[][] {null, o.toString().getBytes(StandardCharsets.UTF_8)};
    }

    /** A proof the simulator accepts (VERIFIED) after sleeping {@code ms} (no CPU: the machine is small). */
    static byte[][] verified(String id, long ms) {
        return request(id, null, "theorem t_" + id.replaceAll("[^A-Za-z0-9]", "_") + " : True := trivial",
                "sleep " + ms);
    }

    /**
     * {@code count} VERIFIED proofs {@code prefix-0...} each sleeping between {@code minMs} and
     * {@code maxMs}, into {@code ledger} and the returned list.
     */
    static List<byte[][]> verifiedBatch(String prefix, int count, long minMs, long maxMs, Random random, Ledger ledger) {
        List<byte[][]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            records.add(verified(id, minMs + (maxMs > minMs ? random.nextLong(maxMs - minMs + 1) : 0)));
            ledger.expect(id, "VERIFIED");
        }
        return records;
    }
}
