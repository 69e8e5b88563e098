package dev.leanverify.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a proof id belongs among the proofs topic's partitions: where Kafka's default partitioner
 * puts a record keyed by the id ({@code murmur2} of the UTF-8 key, modulo the partition count). The
 * de-duplication of an id happens in the task of that partition, whichever way the id arrives: in
 * place, when the input record already sits there keyed by its id, or through the by-id repartition
 * topic, which {@link #partition} fills by the same rule. Both ways meet the same store only if the
 * by-id topic has as many partitions as the proofs topic (Kafka Streams makes it so: the two are
 * sources of one sub-topology); {@link #checkPartitions} refuses a send when they differ.
 *
 * @param partitions the proofs topic's partition count, read from the topic at start
 */
public record IdPlacement(int partitions) {

    public IdPlacement {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, was " + partitions);
        }
    }

    /** The partition of {@code id} among {@code partitions}: Kafka's default for a record keyed by the id. */
    public static int partition(String id, int partitions) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * True when a record of the proofs topic with this key, read from {@code partition}, is already
     * where its id belongs: the key is the id (UTF-8) and the partition is the id's.
     */
    public boolean inPlace(byte[] key, String id, int partition) {
        return key != null && id != null && Arrays.equals(key, id.getBytes(StandardCharsets.UTF_8))
                && partition == partition(id, partitions);
    }

    /**
     * The by-id topic's partition for {@code id}; refuses when that topic's partition count is not
     * the proofs topic's (an id could then be de-duplicated in two tasks): the proofs topic was
     * resized while running, and the application must be restarted (its local state is then wiped).
     */
    public int checkPartitions(String id, int byIdPartitions) {
        if (byIdPartitions != partitions) {
            throw new IllegalStateException("the by-id repartition topic has " + byIdPartitions
                    + " partitions but the proofs topic had " + partitions + " at start: restart the verifier"
                    + " (a proofs topic resized while running needs an application reset)");
        }
        return partition(id, byIdPartitions);
    }
}
