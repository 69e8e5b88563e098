package dev.leanverify.service;

import dev.leanverify.config.AppSettings;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.stream.ProcessingFailureHandler;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns the settings into Kafka Streams properties: the user's pass-through keys first, then
 * what the verifier needs (exactly-once, the derived poll and transaction limits) where the user
 * did not say otherwise. Explicit user values that break exactly-once with slow proofs are refused.
 */
public final class StreamsProperties {
    /** Largest input record the proofs topic takes, and the limit of results and internal topics (16 MiB). */
    static final int MAX_RECORD_BYTES = 16 << 20;
    /** Dead letters carry a maximal input plus headers: the producer and the dead-letter topic allow 1 MiB more. */
    static final int MAX_DEAD_LETTER_BYTES = MAX_RECORD_BYTES + (1 << 20);

    private StreamsProperties() {
    }

    public static Properties build(AppSettings settings, ExactlyOnceTuning tuning) {
        StreamSettings s = settings.stream();
        Properties props = new Properties();
        props.putAll(settings.kafkaProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.streamThreads());
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        String guarantee = props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG).toString();
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee)) {
            org.slf4j.LoggerFactory.getLogger(StreamsProperties.class).warn(
                    "processing.guarantee={}: results may be lost or duplicated on failure", guarantee);
        }
        for (Map.Entry<String, Object> e : tuning.properties().entrySet()) {
            String plain = e.getKey().substring(e.getKey().indexOf('.') + 1);
            if (props.containsKey(e.getKey()) || props.containsKey(plain)) {
                Object user = props.containsKey(e.getKey()) ? props.get(e.getKey()) : props.get(plain);
                long given = Long.parseLong(user.toString().strip());
                long needed = ((Number) e.getValue()).longValue();
                boolean tooSmall = !plain.equals("max.poll.records") && given < needed;
                boolean tooLarge = plain.equals("max.poll.records") && given > needed;
                if (tooSmall || tooLarge) {
                    throw new dev.leanverify.config.ConfigException(plain + "=" + given + " cannot work with proofs"
                            + " that may take " + tuning.perRecordWorstCase().toSeconds() + " s each: "
                            + tuning.describe() + ". Remove the setting to use the derived value.");
                }
            } else {
                props.put(e.getKey(), e.getValue());
            }
        }
        props.putIfAbsent(StreamsConfig.producerPrefix("max.request.size"), MAX_DEAD_LETTER_BYTES);
        props.putIfAbsent(StreamsConfig.topicPrefix("max.message.bytes"), MAX_RECORD_BYTES);
        props.putIfAbsent(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), MAX_RECORD_BYTES);
        // Nothing in this topology needs records aligned by time across partitions (max.task.idle.ms
        // orders multi-partition tasks such as joins). The de-duplicating task reads two (the proofs
        // topic and by-id, same partition number): which copy of an id comes first does not matter,
        // and it must not hold back in-place records until by-id has data. -1 also skips the
        // per-record readiness bookkeeping Kafka Streams does otherwise (measured: ~5% of a
        // stream thread's CPU at zero-cost proofs, see docs/PERFORMANCE.md).
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailureHandler.class);
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.putIfAbsent(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.apache.kafka.streams.errors.LogAndFailExceptionHandler.class);
        return props;
    }
}
