package dev.leanverify.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.schema.ProofRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * A producer {@link Partitioner} that places proofs by import header, with the same rule the
 * verifier applies when it repartitions ({@link HeaderAffinityRouter}: by header, then by a hash of
 * the body, so that a repeated proof meets its cached verdict), so that a Java producer
 * can partition up front and the verifier can skip its internal repartition
 * ({@code routing.repartition=false}).
 *
 * <p>The record value may be a {@link ProofRequest}, or a proof request as JSON text
 * ({@code String} or UTF-8 {@code byte[]}). Values it cannot read are placed by key hash (or at
 * random without a key), as Kafka's default partitioner would.
 *
 * <p>Producer settings: {@code partitioner.class=dev.leanverify.routing.HeaderAffinityPartitioner};
 * optional {@code leanverify.routing.window.records} (default 2000) and
 * {@code leanverify.imports.merge.mathlib} (default false) — use the verifier's values.
 */
public final class HeaderAffinityPartitioner implements Partitioner {
    public static final String WINDOW_CONFIG = "leanverify.routing.window.records";
    public static final String MERGE_MATHLIB_CONFIG = "leanverify.imports.merge.mathlib";

    private final ObjectMapper mapper = new ObjectMapper();
    private HeaderAffinityRouter router = new HeaderAffinityRouter(2000);
    private HeaderSplitter splitter = new HeaderSplitter(false);

    @Override
    public void configure(Map<String, ?> configs) {
        Object window = configs.get(WINDOW_CONFIG);
        if (window != null) {
            router = new HeaderAffinityRouter(Integer.parseInt(window.toString().strip()));
        }
        Object merge = configs.get(MERGE_MATHLIB_CONFIG);
        if (merge != null) {
            splitter = new HeaderSplitter(Boolean.parseBoolean(merge.toString().strip()));
        }
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        String[] idAndCode = idAndCode(value);
        if (idAndCode != null) {
            var split = splitter.split(idAndCode[1]);
            return router.partition(split.headerDigest(), split.body(), partitions);
        }
        if (keyBytes != null) {
            return Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
        }
        return ThreadLocalRandom.current().nextInt(partitions);
    }

    private String[] idAndCode(Object value) {
        if (value instanceof ProofRequest request) {
            return new String[] {request.getId(), request.getCode()};
        }
        String json = value instanceof String s ? s
                : value instanceof byte[] b && b.length > 0 && b[0] != 0 ? new String(b, StandardCharsets.UTF_8) : null;
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(json);
            JsonNode id = node == null ? null : node.get("id");
            JsonNode code = node == null ? null : node.get("code");
            if (id != null && id.isTextual() && code != null && code.isTextual()) {
                return new String[] {id.textValue(), code.textValue()};
            }
        } catch (IOException notJson) {
            // placed by key below; the verifier will send it to the dead-letter topic
        }
        return null;
    }

    @Override
    public void close() {
        // nothing held
    }
}
