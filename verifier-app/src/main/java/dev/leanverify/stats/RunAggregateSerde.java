package dev.leanverify.stats;

import dev.leanverify.schema.RunStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The aggregate in its state store and changelog: the {@link RunStats} record in plain Avro
 * binary (the schema is this build's; the store is private to the application).
 */
final class RunAggregateSerde implements Serde<RunAggregate> {
    private final List<Integer> ks;
    private final int maxProblems;

    RunAggregateSerde(List<Integer> ks, int maxProblems) {
        this.ks = List.copyOf(ks);
        this.maxProblems = maxProblems;
    }

    @Override
    public Serializer<RunAggregate> serializer() {
        SpecificDatumWriter<RunStats> writer = new SpecificDatumWriter<>(RunStats.class);
        return (topic, aggregate) -> {
            if (aggregate == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                writer.write(aggregate.toRecord(ks), encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new SerializationException("cannot write the stats of run " + aggregate.runId(), e);
            }
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<RunAggregate> deserializer() {
        dev.leanverify.schema.GeneratedClasses.trust();
        SpecificDatumReader<RunStats> reader = new SpecificDatumReader<>(RunStats.class);
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return RunAggregate.fromRecord(reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null)),
                        maxProblems);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("unreadable run stats in " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
