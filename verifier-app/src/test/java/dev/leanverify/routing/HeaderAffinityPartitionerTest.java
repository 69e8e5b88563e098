package dev.leanverify.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.schema.ProofRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class HeaderAffinityPartitionerTest {
    private static Cluster cluster(int partitions) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            infos.add(new PartitionInfo("lean.proofs", i, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("c", List.of(node), infos, java.util.Set.of(), java.util.Set.of());
    }

    @Test
    void placesJsonAndAvroValuesLikeTheVerifiersOwnRouter() {
        HeaderAffinityPartitioner partitioner = new HeaderAffinityPartitioner();
        partitioner.configure(Map.of(HeaderAffinityPartitioner.WINDOW_CONFIG, "100"));
        HeaderAffinityRouter reference = new HeaderAffinityRouter(100);
        HeaderSplitter splitter = new HeaderSplitter(false);
        Cluster cluster = cluster(8);
        for (int i = 0; i < 300; i++) {
            String code = "import H" + (i % 16) + "\ntheorem t" + i + " : True := trivial";
            String id = "p" + i;
            int expected = reference.partition(splitter.split(code).headerDigest(), splitter.split(code).body(), 8);
            Object value = i % 2 == 0
                    ? ("{\"id\": \"" + id + "\", \"code\": \"" + code.replace("\n", "\\n") + "\"}").getBytes(StandardCharsets.UTF_8)
                    : ProofRequest.newBuilder().setId(id).setCode(code).build();
            assertThat(partitioner.partition("lean.proofs", null, null, value, null, cluster)).as(id).isEqualTo(expected);
        }
    }

    @Test
    void unreadableValuesArePlacedByKeyHash() {
        HeaderAffinityPartitioner partitioner = new HeaderAffinityPartitioner();
        byte[] key = "k1".getBytes(StandardCharsets.UTF_8);

        int a = partitioner.partition("lean.proofs", "k1", key, "not json".getBytes(StandardCharsets.UTF_8), null, cluster(8));
        int b = partitioner.partition("lean.proofs", "k1", key, new byte[] {0, 0, 0, 0, 1}, null, cluster(8));

        assertThat(a).isEqualTo(b).isBetween(0, 7);
    }
}
