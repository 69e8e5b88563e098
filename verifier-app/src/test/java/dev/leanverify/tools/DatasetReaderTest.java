package dev.leanverify.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class DatasetReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsJsonlWithConfigurableColumnsAndNamesEveryBadLine() throws Exception {
        Path jsonl = dir.resolve("rollouts.jsonl");
        Files.writeString(jsonl, String.join("\n",
                "{\"problem\": \"p1\", \"proof\": \"theorem a : True := trivial\", \"sample\": 3, \"model\": \"m\"}",
                "",
                "not json at all",
                "{\"problem\": \"p2\"}",
                "[1, 2]",
                "{\"proof\": \"theorem b : True := trivial\"}",
                "{\"problem\": \"p1\", \"proof\": \"theorem again : True := trivial\"}",
                "{\"problem\": 7, \"proof\": \"theorem c : True := trivial\"}"));

        Dataset d = new DatasetReader("problem", "proof").read(List.of(jsonl));

        assertThat(d.entries()).extracting(DatasetEntry::id).containsExactly("p1", "7");
        assertThat(d.entries().get(0).metadata()).containsEntry("sample", "3").containsEntry("model", "m")
                .doesNotContainKeys("problem", "proof");
        assertThat(d.skipped()).extracting(Dataset.Skipped::where).containsExactlyInAnyOrder(
                jsonl + ":3", jsonl + ":4", jsonl + ":5", jsonl + ":6", jsonl + ":7");
        assertThat(d.skipped()).extracting(Dataset.Skipped::reason).anyMatch(r -> r.contains("not JSON"))
                .anyMatch(r -> r.contains("no 'proof' text field")).anyMatch(r -> r.contains("not a JSON object"))
                .anyMatch(r -> r.contains("no 'problem' field")).anyMatch(r -> r.contains("duplicate id 'p1'"));
    }

    @Test
    void readsDirectoriesOfLeanFilesWithRelativeIds() throws Exception {
        Files.createDirectories(dir.resolve("algebra"));
        Files.writeString(dir.resolve("algebra/one.lean"), "theorem one : 1 = 1 := rfl");
        Files.writeString(dir.resolve("two.lean"), "theorem two : 2 = 2 := rfl");
        Files.writeString(dir.resolve("empty.lean"), "  \n");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not a .lean file");

        Dataset d = new DatasetReader("id", "code").read(List.of(dir, dir.resolve("missing.jsonl")));

        assertThat(d.entries()).extracting(DatasetEntry::id).containsExactly("algebra/one", "two");
        assertThat(d.skipped()).extracting(Dataset.Skipped::reason)
                .containsExactlyInAnyOrder("the file is empty", "no such file or directory");
    }
}
