package dev.leanverify.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class StateSlotTest {
    @TempDir
    Path root;

    @Test
    void instancesOfOneApplicationTakeTheFirstFreeSlotsAndARestartTakesItsOldSlotAgain() {
        try (StateSlot first = StateSlot.acquire(root, "app"); StateSlot second = StateSlot.acquire(root, "app")) {
            assertThat(first.number()).isZero();
            assertThat(second.number()).isEqualTo(1);
            assertThat(first.dir()).isEqualTo(root.resolve("app").resolve("slot-0"));
            assertThat(second.dir()).isEqualTo(root.resolve("app").resolve("slot-1"));
            first.close();
            try (StateSlot restarted = StateSlot.acquire(root, "app")) {
                assertThat(restarted.number()).as("the slot the stopped instance left").isZero();
            }
        }
    }

    @Test
    void anotherApplicationIdHasItsOwnSlots() {
        try (StateSlot a = StateSlot.acquire(root, "a"); StateSlot b = StateSlot.acquire(root, "b")) {
            assertThat(a.number()).isZero();
            assertThat(b.number()).isZero();
            assertThat(a.dir()).isNotEqualTo(b.dir());
        }
    }

    @Test
    void aStateRootThatCannotBeADirectoryIsRefusedNamingTheSetting() throws IOException {
        Path file = Files.writeString(root.resolve("a-file"), "x");
        assertThatThrownBy(() -> StateSlot.acquire(file, "app")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.dir " + file).hasMessageContaining("set state.dir")
                .hasMessageNotContaining("\n");
    }
}
