package dev.leanverify.codec;

import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.codec.input.AvroRequestReader;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** How records are read from and written to the public topics. */
public record Codecs(AvroRequestReader avroRequests, Serde<VerificationResult> results, Serde<ProofTactics> tactics) {
    public Codecs {
        Objects.requireNonNull(avroRequests, "avroRequests");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(tactics, "tactics");
    }
}
