package dev.leanverify.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Names and helpers of the Kafka record headers leanverify reads and writes. */
public final class RecordHeaders {
    /** Where a request came from: {@code topic-partition@offset} of the input record. */
    public static final String SOURCE = "leanverify.source";
    /** Internal, between the verdict cache's lookup and store steps: the proof's cache key (removed before output). */
    public static final String VERDICT_KEY = "leanverify.verdict.key";
    /** Dead-letter headers: why the record could not be used, and where it came from. */
    public static final String DLQ_REASON = "leanverify.dlq.reason";
    public static final String DLQ_ERROR = "leanverify.dlq.error";
    public static final String DLQ_TOPIC = "leanverify.dlq.topic";
    public static final String DLQ_PARTITION = "leanverify.dlq.partition";
    public static final String DLQ_OFFSET = "leanverify.dlq.offset";
    public static final String DLQ_TIMESTAMP = "leanverify.dlq.timestamp";
    public static final String DLQ_INSTANCE = "leanverify.dlq.instance";

    private RecordHeaders() {
    }

    /** A copy of {@code headers} (Kafka's headers are mutable and shared with the input record). */
    static Headers copy(Headers headers) {
        org.apache.kafka.common.header.internals.RecordHeaders copy =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        for (Header h : headers) {
            copy.add(h.key(), h.value());
        }
        return copy;
    }

    static Headers put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The last value of a header as text, or null. */
    public static String get(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
