package dev.leanverify.cli;

import dev.leanverify.config.OutputFormat;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.AvroDeserializer;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.codec.output.JsonRecordSerde;
import org.apache.kafka.common.serialization.Deserializer;

/** Readers of the results topic in the configured output format. */
final class Formats {
    private Formats() {
    }

    static Deserializer<VerificationResult> results(StreamSettings s, SchemaRegistries registries) {
        if (s.outputFormat() == OutputFormat.AVRO) {
            return AvroDeserializer.of(registries.forUrl(s.schemaRegistryUrl()), VerificationResult.class);
        }
        return new JsonRecordSerde<>(VerificationResult.class, VerificationResult.getClassSchema()).deserializer();
    }
}
