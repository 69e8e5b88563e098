package dev.leanverify.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.registry.WireFormatException.Reason;
import dev.leanverify.schema.LeanMessage;
import dev.leanverify.schema.Position;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.Sorry;
import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AvroWireCodecTest {
    private static final String SUBJECT = "lean.proofs-value";

    private final CountingRegistry registry = new CountingRegistry();
    private final AvroWireCodec<ProofRequest> codec = new AvroWireCodec<>(registry, ProofRequest.class);

    private static ProofRequest proof(String id) {
        return ProofRequest.newBuilder()
                .setId(id)
                .setCode("import Mathlib\n\ntheorem t : 1 + 1 = 2 := by norm_num\n")
                .setTimeoutSeconds(30)
                .setOptions(ProofOptions.newBuilder().setAllTactics(true).setInfotree("tactics").build())
                .setMetadata(Map.of("run", "r-17", "sample", "3"))
                .build();
    }

    /** Wire-format bytes of a record written with some other schema, as another producer would. */
    private static byte[] framed(int id, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfluentWireFormat.writeHeader(out, id);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void assertReason(ThrowingCallable call, Reason reason, String... messageParts) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.name())
                .satisfies(e -> {
                    for (String part : messageParts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }

    @Test
    void roundTripsAProofRequestWithTheRegisteredIdInTheHeader() {
        ProofRequest original = proof("p-1");

        byte[] bytes = codec.encode(SUBJECT, original);

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 0, 0, 1);
        assertThat(registry.version(SUBJECT, 1)).isEqualTo(ProofRequest.getClassSchema());
        assertThat(codec.decode(bytes)).isEqualTo(original);
    }

    @Test
    void roundTripsAVerificationResult() {
        AvroWireCodec<VerificationResult> results = new AvroWireCodec<>(registry, VerificationResult.class);
        VerificationResult original = VerificationResult.newBuilder()
                .setId("p-1")
                .setStatus(VerificationStatus.LEAN_ERROR)
                .setMessages(List.of(LeanMessage.newBuilder().setSeverity("error")
                        .setPos(new Position(3, 4)).setEndPos(new Position(3, 9)).setData("unknown tactic").build()))
                .setSorries(List.of(Sorry.newBuilder().setGoal("⊢ 1 + 1 = 2").setPos(new Position(5, 2)).build()))
                .setTiming(Timing.newBuilder().setQueueMs(12).setHeaderLoadMs(4_000L).setLeanMs(350).setTotalMs(4_400).build())
                .setHeaderCacheHit(false)
                .setLeanVersion("simulated")
                .setMetadata(Map.of("run", "r-17"))
                .setCompletedAtMs(1_700_000_000_000L)
                .build();

        assertThat(results.decode(results.encode("lean.results-value", original))).isEqualTo(original);
    }

    @Test
    void registersTheSchemaOncePerSubjectAndLooksEachWriterSchemaUpOnce() {
        for (int i = 0; i < 5; i++) {
            codec.decode(codec.encode(SUBJECT, proof("p-" + i)));
        }

        assertThat(registry.registrations).hasValue(1);
        assertThat(registry.lookups).hasValue(1);
        assertThat(registry.subjects()).containsExactly(SUBJECT);
    }

    @Test
    void decodesARecordWrittenWithAnOlderSchemaWithoutOptions() throws IOException {
        codec.encode(SUBJECT, proof("current")); // the current schema takes id 1
        Schema older = OlderSchemas.proofRequestWithoutOptions();
        int olderId = registry.register(SUBJECT, older);
        GenericRecord record = new GenericData.Record(older);
        record.put("id", "old-1");
        record.put("code", "theorem t : True := trivial");
        record.put("timeoutSeconds", 5);
        record.put("metadata", Map.of("model", "m-1"));

        ProofRequest decoded = codec.decode(framed(olderId, record));

        assertThat(olderId).isNotEqualTo(1);
        assertThat(decoded.getId()).isEqualTo("old-1");
        assertThat(decoded.getCode()).isEqualTo("theorem t : True := trivial");
        assertThat(decoded.getTimeoutSeconds()).isEqualTo(5);
        assertThat(decoded.getOptions()).isNull();
        assertThat(decoded.getMetadata()).isEqualTo(Map.of("model", "m-1"));
    }

    @Test
    void decodesARecordFromANewerSchemaIgnoringItsExtraField() throws IOException {
        Schema newer = OlderSchemas.proofRequestWithPriority();
        int id = registry.register(SUBJECT, newer);
        GenericRecord record = new GenericData.Record(newer);
        record.put("id", "new-1");
        record.put("priority", 9);
        record.put("code", "example : True := trivial");
        record.put("metadata", Map.of());

        ProofRequest decoded = codec.decode(framed(id, record));

        assertThat(decoded.getId()).isEqualTo("new-1");
        assertThat(decoded.getCode()).isEqualTo("example : True := trivial");
        assertThat(decoded.getTimeoutSeconds()).isNull();
    }

    @Test
    void noBytesAreEmpty() {
        assertReason(() -> codec.decode(new byte[0]), Reason.EMPTY);
    }

    @Test
    void fewerBytesThanTheHeaderAreTooShort() {
        assertReason(() -> codec.decode(bytes(0, 0, 1)), Reason.TOO_SHORT, "3 bytes");
    }

    @Test
    void jsonIsABadMagicByteNamingTheByte() {
        assertReason(() -> codec.decode("{\"id\":\"p\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Reason.BAD_MAGIC_BYTE, "0x7b");
    }

    @Test
    void anIdTheRegistryDoesNotKnowIsUnknownSchemaId() {
        assertThatThrownBy(() -> codec.decode(bytes(0, 0, 0, 0x10, 0x92, 2, 'x')))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA_ID);
                    assertThat(e.schemaId()).hasValue(4242);
                })
                .hasMessageContaining("schema id 4242");
    }

    @Test
    void anIdOfAProtobufSchemaIsNotAvroSchema() {
        registry.pretendProtobuf(77);

        assertReason(() -> codec.decode(bytes(0, 0, 0, 0, 77, 2, 'x')), Reason.NOT_AVRO_SCHEMA, "PROTOBUF");
    }

    @Test
    void aWriterSchemaWithoutARequiredFieldIsIncompatibleWithAvrosExplanation() throws IOException {
        Schema withoutCode = OlderSchemas.proofRequestWithoutCode();
        int id = registry.register(SUBJECT, withoutCode);
        GenericRecord record = new GenericData.Record(withoutCode);
        record.put("id", "x");
        byte[] bytes = framed(id, record);

        assertReason(() -> codec.decode(bytes), Reason.INCOMPATIBLE_SCHEMA, "READER_FIELD_MISSING_DEFAULT_VALUE", "code");
        assertReason(() -> codec.decode(bytes), Reason.INCOMPATIBLE_SCHEMA);
        assertThat(registry.lookups).as("the verdict is cached with the reader").hasValue(1);
    }

    @Test
    void aRecordOfAnotherTypeIsIncompatible() {
        AvroWireCodec<VerificationResult> results = new AvroWireCodec<>(registry, VerificationResult.class);
        // messages and sorries are set: under Avro 1.12.2 the generated builder cannot fill their
        // defaults (lists of records) unless dev.leanverify.schema is trusted JVM-wide.
        byte[] result = results.encode("lean.results-value", VerificationResult.newBuilder().setId("r")
                .setStatus(VerificationStatus.VERIFIED).setMessages(List.of()).setSorries(List.of())
                .setTiming(Timing.newBuilder().setQueueMs(0).setLeanMs(0).setTotalMs(0).build()).build());

        assertReason(() -> codec.decode(result), Reason.INCOMPATIBLE_SCHEMA, "NAME_MISMATCH");
    }

    @Test
    void aTruncatedBodyIsMalformedAvro() {
        byte[] whole = codec.encode(SUBJECT, proof("p-1"));

        assertReason(() -> codec.decode(Arrays.copyOf(whole, whole.length - 4)), Reason.MALFORMED_AVRO, "writer schema 1", "truncated");
        assertReason(() -> codec.decode(Arrays.copyOf(whole, 5)), Reason.MALFORMED_AVRO);
    }

    @Test
    void bytesLeftOverAfterTheRecordAreMalformedAvro() {
        byte[] whole = codec.encode(SUBJECT, proof("p-1"));
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);

        assertReason(() -> codec.decode(longer), Reason.MALFORMED_AVRO, "left over");
    }

    @Test
    void garbageBodiesAreMalformedAvro() {
        codec.encode(SUBJECT, proof("p-1"));

        // A negative string length.
        assertReason(() -> codec.decode(bytes(0, 0, 0, 0, 1, 0x01)), Reason.MALFORMED_AVRO);
        // A string claiming about a gigabyte in a ten-byte body: must fail, not allocate.
        assertReason(() -> codec.decode(bytes(0, 0, 0, 0, 1, 0xfe, 0xff, 0xff, 0xff, 0x07, 'a', 'b')), Reason.MALFORMED_AVRO);
        // A union branch that does not exist (timeoutSeconds has two).
        assertReason(() -> codec.decode(bytes(0, 0, 0, 0, 1, 2, 'a', 2, 'b', 0x0e)), Reason.MALFORMED_AVRO);
    }

    @Test
    void anUnavailableRegistryIsNotTheRecordsFaultAndIsRetried() {
        byte[] bytes = codec.encode(SUBJECT, proof("p-1"));
        AvroWireCodec<ProofRequest> fresh = new AvroWireCodec<>(registry, ProofRequest.class);
        registry.unavailable = true;

        assertThatThrownBy(() -> fresh.decode(bytes)).isInstanceOf(SchemaRegistryUnavailableException.class);

        registry.unavailable = false;
        assertThat(fresh.decode(bytes).getId()).isEqualTo("p-1");
    }

    @Test
    void aRecordThatDoesNotFitItsSchemaCannotBeEncoded() {
        ProofRequest broken = proof("p-1");
        broken.setCode(null);

        assertThatThrownBy(() -> codec.encode(SUBJECT, broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ProofRequest")
                .hasMessageContaining(SUBJECT);
    }
}
