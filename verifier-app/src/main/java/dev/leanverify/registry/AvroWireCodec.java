package dev.leanverify.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one generated Avro record class in the Confluent wire format. Encoding
 * registers the class's schema under the subject once and then reuses the id. Decoding looks the
 * writer's schema up by the header's id and reads it into the class's schema with Avro schema
 * resolution, so records written with older or newer compatible schemas decode; the reader for
 * each writer id is built once and cached, so the per-record cost is the Avro decoding itself.
 * Thread-safe.
 *
 * <p>Decoding fails with a {@link WireFormatException} saying why when the record is at fault,
 * with {@link SchemaRegistryUnavailableException} when the registry cannot be reached (retriable),
 * and with {@link SchemaRegistryException} when the registry refuses (a configuration problem
 * such as bad credentials).
 *
 * @param <T> the generated record class
 */
public final class AvroWireCodec<T extends SpecificRecord> {
    private static final int READER_CACHE_SIZE = 1_000;

    private final SchemaRegistry registry;
    private final Class<T> type;
    private final Schema schema;
    private final SpecificData data;
    private final DatumWriter<T> writer;
    private final ConcurrentMap<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Cache<Integer, Resolution<T>> readersById =
            Caffeine.newBuilder().maximumSize(READER_CACHE_SIZE).build();
    private final Function<Integer, Resolution<T>> resolver = this::resolve;

    /** The reader for one writer schema, or why there is none. */
    private record Resolution<T>(DatumReader<T> reader, String incompatibility) {
    }

    /**
     * A codec of a generated record class.
     *
     * @throws IllegalArgumentException if the class has no Avro schema
     */
    public AvroWireCodec(SchemaRegistry registry, Class<T> type) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.type = Objects.requireNonNull(type, "type");
        Schema found;
        try {
            found = SpecificData.getForClass(type).getSchema(type);
        } catch (AvroRuntimeException e) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class: " + e.getMessage(), e);
        }
        if (found == null || found.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
        }
        this.schema = found;
        this.data = new OwnTypesSpecificData(type);
        this.writer = new SpecificDatumWriter<>(schema, data);
    }

    /** The class's own schema: written by {@link #encode}, read into by {@link #decode}. */
    public Schema schema() {
        return schema;
    }

    public Class<T> type() {
        return type;
    }

    /**
     * The record in the wire format, its schema registered under the subject.
     *
     * @throws IllegalArgumentException if the record does not fit its schema (a required field null)
     * @throws SchemaRegistryUnavailableException if the schema must be registered and the registry
     *     cannot be reached
     * @throws SchemaRegistryException if the registry refuses the schema
     */
    public byte[] encode(String subject, T record) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(record, "record");
        int id = idsBySubject.computeIfAbsent(subject, s -> registry.register(s, schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ConfluentWireFormat.writeHeader(out, id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot write " + type.getSimpleName() + " for subject '" + subject
                    + "' with its schema: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The record in these wire-format bytes, read into this class's schema.
     *
     * @throws WireFormatException saying why when the bytes are at fault
     * @throws SchemaRegistryUnavailableException if the writer's schema must be fetched and the
     *     registry cannot be reached
     * @throws SchemaRegistryException if the registry refuses to answer
     */
    public T decode(byte[] bytes) {
        int id = ConfluentWireFormat.schemaId(bytes);
        Resolution<T> resolution = readersById.get(id, resolver);
        if (resolution.reader() == null) {
            throw new WireFormatException(WireFormatException.Reason.INCOMPATIBLE_SCHEMA, id, "the writer schema "
                    + id + " cannot be read as " + schema.getFullName() + ": " + resolution.incompatibility(), null);
        }
        int length = bytes.length - ConfluentWireFormat.HEADER_SIZE;
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, ConfluentWireFormat.HEADER_SIZE, length, null);
        T value;
        boolean atEnd;
        try {
            value = resolution.reader().read(null, decoder);
            atEnd = decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            if (refusedAClass(e)) {
                throw new IllegalStateException("Avro refused to load a class while reading " + type.getName()
                        + " (a setup problem, not the record's fault): " + e.getMessage(), e);
            }
            // Garbage surfaces as EOF, negative lengths, bad union or enum indexes, limit checks...
            String why = e instanceof EOFException ? "it ends before the record does (truncated?): " + e : e.toString();
            throw new WireFormatException(WireFormatException.Reason.MALFORMED_AVRO, id, "the " + length
                    + "-byte Avro body is not a valid record of writer schema " + id + ": " + why, e);
        }
        if (!atEnd) {
            throw new WireFormatException(WireFormatException.Reason.MALFORMED_AVRO, id, "bytes are left over after "
                    + "the record of writer schema " + id + " in the " + length + "-byte Avro body", null);
        }
        return value;
    }

    private static boolean refusedAClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SecurityException) {
                return true;
            }
        }
        return false;
    }

    private Resolution<T> resolve(int id) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (UnknownSchemaException e) {
            throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA_ID, id, e.getMessage(), e);
        } catch (NotAvroSchemaException e) {
            throw new WireFormatException(WireFormatException.Reason.NOT_AVRO_SCHEMA, id, e.getMessage(), e);
        }
        SchemaCompatibility.SchemaPairCompatibility check =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, writerSchema);
        if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String why = check.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            return new Resolution<>(null, why);
        }
        return new Resolution<>(new SpecificDatumReader<>(writerSchema, schema, data), null);
    }
}
