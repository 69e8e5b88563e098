package dev.leanverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.repl.MachineMemory;
import dev.leanverify.repl.MemoryBudgetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class MemoryBudgetSettingsTest {
    private static final long MB = 1L << 20;
    private static final OptionalLong GB_64 = OptionalLong.of(64L << 30);

    @TempDir
    Path dir;

    private static MemoryBudgetConfig parse(Map<String, String> values, OptionalLong machine, long heap) {
        return MemoryBudgetSettings.from(Settings.load(null, Map.of(), values), machine, heap);
    }

    @Test
    void autoIsThreeQuartersOfTheMachineMinusTheHeap() {
        MemoryBudgetConfig c = parse(Map.of(), GB_64, 4L << 30);

        assertThat(c.limitBytes()).isEqualTo((48L << 30) - (4L << 30));
        assertThat(c.replEstimateBytes()).isEqualTo(1024 * MB);
        assertThat(c.describe()).contains("45056 MiB", "auto: 75% of the machine's 65536 MiB", "1024 MiB");
    }

    @Test
    void offOrZeroDisablesItAndANumberIsMegabytes() {
        assertThat(parse(Map.of("pool.instance.memory.budget.mb", "off"), GB_64, 0).enabled()).isFalse();
        assertThat(parse(Map.of("pool.instance.memory.budget.mb", "0"), GB_64, 0).enabled()).isFalse();
        MemoryBudgetConfig c = parse(Map.of("pool.instance.memory.budget.mb", "400",
                "pool.instance.memory.repl.estimate.mb", "200"), GB_64, 0);
        assertThat(c.limitBytes()).isEqualTo(400 * MB);
        assertThat(c.replEstimateBytes()).isEqualTo(200 * MB);
    }

    @Test
    void aBudgetThatCannotHoldOneReplIsRefusedAtStart() {
        assertThatThrownBy(() -> parse(Map.of("pool.instance.memory.budget.mb", "400"), GB_64, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pool.instance.memory.budget.mb").hasMessageContaining("1024");
        assertThatThrownBy(() -> parse(Map.of(), OptionalLong.of(2L << 30), 1L << 30))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto").hasMessageContaining("-Xmx");
        assertThatThrownBy(() -> parse(Map.of("pool.instance.memory.budget.mb", "lots"), GB_64, 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected auto, off");
    }

    @Test
    void autoWithoutKnownMachineMemoryIsOffAndSaysSo() {
        MemoryBudgetConfig c = parse(Map.of(), OptionalLong.empty(), 0);

        assertThat(c.enabled()).isFalse();
        assertThat(c.describe()).contains("unknown");
    }

    @Test
    void theMachinesMemoryIsMemTotalLoweredToTheContainersLimit() throws Exception {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal:       24683548 kB\nMemFree: 1 kB\n");
        Path cgroup = Files.createDirectories(dir.resolve("cgroup"));

        assertThat(new MachineMemory(meminfo, cgroup).totalBytes()).hasValue(24683548L * 1024);
        Files.writeString(cgroup.resolve("memory.max"), "max\n");
        assertThat(new MachineMemory(meminfo, cgroup).totalBytes()).hasValue(24683548L * 1024);
        Files.writeString(cgroup.resolve("memory.max"), "4294967296\n");
        assertThat(new MachineMemory(meminfo, cgroup).totalBytes()).hasValue(4L << 30);
        assertThat(new MachineMemory(dir.resolve("none"), cgroup).totalBytes()).isEmpty();
    }

    @Test
    void theSettingsAreKnownNames() {
        assertThat(KnownSettings.ownKeys()).contains("pool.instance.memory.budget.mb",
                "pool.instance.memory.repl.estimate.mb");
    }
}
