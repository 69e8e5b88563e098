package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Where an id belongs, and the refusal to send by id to a topic of another partition count. */
@Tag("unit")
class IdPlacementTest {
    private final IdPlacement placement = new IdPlacement(8);

    @Test
    void aRecordIsInPlaceOnlyWhenKeyedByItsIdOnItsIdsPartition() {
        String id = "proof-42";
        int home = IdPlacement.partition(id, 8);
        byte[] key = id.getBytes(StandardCharsets.UTF_8);

        assertThat(placement.inPlace(key, id, home)).isTrue();
        assertThat(placement.inPlace(key, id, (home + 1) % 8)).isFalse();
        assertThat(placement.inPlace(null, id, home)).isFalse();
        assertThat(placement.inPlace("proof-43".getBytes(StandardCharsets.UTF_8), id, home)).isFalse();
    }

    @Test
    void theByIdPartitionIsTheInPlacePartitionAndAnotherPartitionCountIsRefused() {
        for (int i = 0; i < 100; i++) {
            String id = "p" + i;
            assertThat(placement.checkPartitions(id, 8)).isEqualTo(IdPlacement.partition(id, 8));
        }
        assertThatThrownBy(() -> placement.checkPartitions("p1", 16)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 partitions").hasMessageContaining("restart");
        assertThatThrownBy(() -> new IdPlacement(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
