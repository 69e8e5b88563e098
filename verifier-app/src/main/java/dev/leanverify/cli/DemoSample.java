package dev.leanverify.cli;

import dev.leanverify.tools.Dataset;
import dev.leanverify.tools.DatasetEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The small core-Lean sample bundled with the demo (resources/demo): valid proofs, errors, a
 * sorry and a runaway proof, with {@code -- sim:} directives where the simulated REPL needs them,
 * and the verdict each must get.
 */
final class DemoSample {
    private DemoSample() {
    }

    /** File name to expected status, in a stable order. */
    static Map<String, String> expected() {
        Properties p = new Properties();
        try (InputStream in = resource("expected.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> expected = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> expected.put(k, p.getProperty(k).strip()));
        return expected;
    }

    static Dataset dataset() {
        List<DatasetEntry> entries = new ArrayList<>();
        for (String file : expected().keySet()) {
            try (InputStream in = resource(file)) {
                String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> metadata = new LinkedHashMap<>();
                metadata.put("file", file);
                entries.add(new DatasetEntry(file.replace(".lean", ""), code, metadata, "demo/" + file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Dataset(entries, List.of());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoSample.class.getResourceAsStream("/demo/" + name);
        if (in == null) {
            throw new IOException("the demo sample is missing from the jar: /demo/" + name);
        }
        return in;
    }
}
