package dev.leanverify.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.codec.input.AvroRequestReader;
import dev.leanverify.codec.input.RequestDecoder;
import dev.leanverify.codec.input.RequestValidator;
import dev.leanverify.codec.output.ResultMapper;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.schema.VerificationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The decode step alone, on Kafka's MockProcessorContext: where each kind of record goes, and what it carries. */
@Tag("unit")
class DecodeProcessorTest {
    private final MockProcessorContext<byte[], Decoded> context = new MockProcessorContext<>();
    private final List<String> deadLetterReasons = new ArrayList<>();
    private static final int PARTITIONS = 8;
    private DecodeProcessor processor;

    @BeforeEach
    void init() {
        HeaderSplitter splitter = new HeaderSplitter(false);
        VerifyListener listener = new VerifyListener() {
            @Override
            public void verified(dev.leanverify.verify.VerificationReport report,
                                 dev.leanverify.schema.VerificationResult result) {
            }

            @Override
            public void deadLettered(String reason) {
                deadLetterReasons.add(reason);
            }
        };
        processor = new DecodeProcessor(new RequestDecoder(AvroRequestReader.withoutRegistry()),
                new RequestValidator(new StreamSettings.RequestLimits(1 << 20, 256, 4096), Duration.ofSeconds(30),
                        splitter),
                new ResultMapper(new StreamSettings.ResultLimits(1 << 20, 100, 1000), "i-1", new ObjectMapper()),
                "fake", "i-1", Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC), listener,
                new IdPlacement(PARTITIONS));
        context.setRecordMetadata("proofs", 3, 42);
        processor.init(context);
    }

    private Decoded process(String value) {
        return process(null, value);
    }

    private Decoded process(String key, String value) {
        processor.process(new Record<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), 1_000, new RecordHeaders()));
        assertThat(context.forwarded()).hasSize(1);
        return context.forwarded().get(0).record().value();
    }

    @Test
    void aValidRequestIsAcceptedWithItsSourceHeader() {
        Decoded d = process("{\"id\": \"p\", \"code\": \"theorem t : True := trivial\"}");

        assertThat(d).isInstanceOfSatisfying(Decoded.Accepted.class,
                a -> assertThat(a.request().getId()).isEqualTo("p"));
        assertThat(dev.leanverify.stream.RecordHeaders.get(context.forwarded().get(0).record().headers(),
                dev.leanverify.stream.RecordHeaders.SOURCE)).isEqualTo("proofs-3@42");
    }

    @Test
    void anUndecodableRecordIsDeadLetteredWithReasonAndOrigin() {
        Decoded d = process("not json");

        assertThat(d).isInstanceOf(Decoded.Dead.class);
        var headers = context.forwarded().get(0).record().headers();
        assertThat(dev.leanverify.stream.RecordHeaders.get(headers, dev.leanverify.stream.RecordHeaders.DLQ_REASON))
                .isEqualTo("not-json");
        assertThat(dev.leanverify.stream.RecordHeaders.get(headers, dev.leanverify.stream.RecordHeaders.DLQ_OFFSET))
                .isEqualTo("42");
        assertThat(deadLetterReasons).containsExactly("not-json");
    }

    @Test
    void anInvalidRequestWithoutIdIsRejectedUnderItsSource() {
        Decoded d = process("{\"code\": \"theorem t : True := trivial\"}");

        assertThat(d).isInstanceOfSatisfying(Decoded.Rejected.class, r -> {
            assertThat(r.id()).isEqualTo("proofs-3@42");
            assertThat(r.result().getStatus()).isEqualTo(VerificationStatus.INVALID_REQUEST);
            assertThat(r.result().getError()).contains("missing id");
            assertThat(r.result().getTiming().getQueueMs()).isEqualTo(4_000);
        });
    }

    /** An id whose partition (Kafka's default for a record keyed by it) is {@code partition}, or is not. */
    private static String idOn(int partition, boolean wanted) {
        for (int i = 0; ; i++) {
            String id = "p" + i;
            if ((IdPlacement.partition(id, PARTITIONS) == partition) == wanted) {
                return id;
            }
        }
    }

    @Test
    void aRequestKeyedByItsIdOnItsIdsPartitionIsInPlace() {
        String id = idOn(3, true);

        Decoded d = process(id, "{\"id\": \"" + id + "\", \"code\": \"theorem t : True := trivial\"}");

        assertThat(d).isInstanceOfSatisfying(Decoded.Accepted.class, a -> assertThat(a.inPlace()).isTrue());
    }

    @Test
    void aRequestOnAnotherPartitionOrKeyedOtherwiseOrUnkeyedIsNotInPlace() {
        String elsewhere = idOn(3, false);
        String here = idOn(3, true);

        Decoded misplaced = process(elsewhere, "{\"id\": \"" + elsewhere + "\", \"code\": \"theorem t : True := trivial\"}");
        context.resetForwards();
        Decoded otherKey = process(here + "-run7", "{\"id\": \"" + here + "\", \"code\": \"theorem t : True := trivial\"}");
        context.resetForwards();
        Decoded unkeyed = process(null, "{\"id\": \"" + here + "\", \"code\": \"theorem t : True := trivial\"}");

        for (Decoded d : List.of(misplaced, otherKey, unkeyed)) {
            assertThat(d).isInstanceOfSatisfying(Decoded.Accepted.class, a -> assertThat(a.inPlace()).isFalse());
        }
    }

    @Test
    void idPlacementIsKafkasDefaultPartitionerForAStringKey() {
        for (int i = 0; i < 200; i++) {
            String id = "proof-" + i;
            byte[] key = new org.apache.kafka.common.serialization.StringSerializer().serialize("proofs", id);
            assertThat(IdPlacement.partition(id, PARTITIONS))
                    .isEqualTo(org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key,
                            PARTITIONS));
        }
    }
}
