package dev.leanverify.stats;

import dev.leanverify.config.OutputFormat;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.registry.AvroSerde;
import dev.leanverify.registry.SchemaRegistries;
import dev.leanverify.schema.RunStats;
import dev.leanverify.codec.output.JsonRecordSerde;
import org.apache.kafka.common.serialization.Serde;

/** How {@link RunStats} records are written to the stats topic: as the results are (output.format). */
public final class StatsCodecs {
    private StatsCodecs() {
    }

    public static Serde<RunStats> forTopic(StreamSettings s, SchemaRegistries registries) {
        dev.leanverify.schema.GeneratedClasses.trust();
        if (s.outputFormat() == OutputFormat.AVRO) {
            return AvroSerde.forValues(registries.forUrl(s.schemaRegistryUrl()), RunStats.class);
        }
        return new JsonRecordSerde<>(RunStats.class, RunStats.getClassSchema());
    }
}
