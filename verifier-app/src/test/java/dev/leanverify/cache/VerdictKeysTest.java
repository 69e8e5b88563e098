package dev.leanverify.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every part of a verdict key changes it; what does not shape the result (id, metadata, timeout) does not. */
@Tag("unit")
class VerdictKeysTest {
    private static final String CODE = "import Mathlib\n\ntheorem t (n : Nat) : n + 0 = n := by simp";
    private final VerdictKeys keys = new VerdictKeys(new HeaderSplitter(false), "v4.9.0", "manifest:abc", "fp");

    private static ProofRequest request(String code, ProofOptions options, String statement) {
        return ProofRequest.newBuilder().setId("id").setCode(code).setOptions(options).setStatement(statement).build();
    }

    private static ProofOptions options(boolean strict, boolean tactics, String infotree) {
        return ProofOptions.newBuilder().setStrict(strict).setAllTactics(tactics).setInfotree(infotree).build();
    }

    @Test
    void eachKeyPartGivesAnotherKey() {
        List<String> all = List.of(
                keys.keyOf(request(CODE, null, null)),
                keys.keyOf(request(CODE.replace("simp", "simP"), null, null)),
                keys.keyOf(request(CODE.replace("Mathlib", "Mathlib.Tactic"), null, null)),
                keys.keyOf(request(CODE.replace("\n\n", "\n\n\n"), null, null)),
                keys.keyOf(request(CODE, options(true, false, null), null)),
                keys.keyOf(request(CODE, options(true, false, null), "theorem t (n : Nat) : n + 0 = n")),
                keys.keyOf(request(CODE, options(false, true, null), null)),
                keys.keyOf(request(CODE, options(false, false, "full"), null)),
                keys.keyOf(request(CODE, options(false, false, "tactics"), null)),
                new VerdictKeys(new HeaderSplitter(false), "simulated", "manifest:abc", "fp").keyOf(request(CODE, null, null)),
                new VerdictKeys(new HeaderSplitter(false), "v4.9.0", "manifest:abd", "fp").keyOf(request(CODE, null, null)),
                new VerdictKeys(new HeaderSplitter(false), "v4.9.0", "manifest:abc", "fp2").keyOf(request(CODE, null, null)));

        assertThat(new HashSet<>(all)).hasSize(all.size());
        assertThat(all).allSatisfy(k -> assertThat(k).hasSize(64).matches("[0-9a-f]+"));
    }

    @Test
    void whatDoesNotShapeTheResultKeepsTheKey() {
        ProofRequest a = request(CODE, null, null);
        ProofRequest b = ProofRequest.newBuilder(a).setId("other").setMetadata(Map.of("run", "r2"))
                .setTimeoutSeconds(99).build();
        ProofRequest noCache = request(CODE, ProofOptions.newBuilder().setNoCache(true).build(), null);

        assertThat(keys.keyOf(b)).isEqualTo(keys.keyOf(a));
        assertThat(keys.keyOf(noCache)).isEqualTo(keys.keyOf(a));
    }

    @Test
    void aProjectIsKnownByItsManifestElseItsPath(@TempDir Path dir) throws Exception {
        String byPath = VerdictKeys.projectIdentity(dir);
        Files.writeString(dir.resolve("lake-manifest.json"), "{\"packages\": [{\"rev\": \"aaa\"}]}");
        String first = VerdictKeys.projectIdentity(dir);
        Files.writeString(dir.resolve("lake-manifest.json"), "{\"packages\": [{\"rev\": \"aab\"}]}");
        String second = VerdictKeys.projectIdentity(dir);

        assertThat(byPath).startsWith("path:");
        assertThat(Set.of(byPath, first, second)).hasSize(3);
        assertThat(first).startsWith("manifest:");
    }
}
