package dev.leanverify.codec;

import dev.leanverify.config.OutputFormat;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.AvroSerde;
import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.registry.SchemaRegistry;
import dev.leanverify.schema.ProofRequest;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.codec.input.AvroRequestReader;
import dev.leanverify.codec.input.RegistryAvroRequestReader;
import dev.leanverify.codec.output.JsonRecordSerde;
import java.time.Duration;
import java.util.List;

/** Builds the codecs the settings ask for: JSON or Avro output, Avro input when a registry is configured. */
public final class CodecsFactory {
    private static final List<Duration> REGISTRY_BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    private CodecsFactory() {
    }

    public static Codecs create(StreamSettings s, SchemaRegistries registries) {
        dev.leanverify.schema.GeneratedClasses.trust();
        SchemaRegistry registry = s.schemaRegistryUrl().isEmpty() ? null : registries.forUrl(s.schemaRegistryUrl());
        AvroRequestReader avro = registry == null ? AvroRequestReader.withoutRegistry()
                : new RegistryAvroRequestReader(new AvroWireCodec<>(registry, ProofRequest.class), REGISTRY_BACKOFF);
        if (s.outputFormat() == OutputFormat.AVRO) {
            return new Codecs(avro, AvroSerde.forValues(registry, VerificationResult.class),
                    AvroSerde.forValues(registry, ProofTactics.class));
        }
        return new Codecs(avro, new JsonRecordSerde<>(VerificationResult.class, VerificationResult.getClassSchema()),
                new JsonRecordSerde<>(ProofTactics.class, ProofTactics.getClassSchema()));
    }
}
