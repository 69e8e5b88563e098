package dev.leanverify.codec.input;

import dev.leanverify.registry.AvroWireCodec;
import dev.leanverify.registry.SchemaRegistryException;
import dev.leanverify.registry.SchemaRegistryUnavailableException;
import dev.leanverify.registry.WireFormatException;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Confluent-Avro proof requests through the schema registry. A registry that does not
 * answer is retried a few times with backoff (it is not the record's fault); if it stays away,
 * the record is dead-lettered with reason registry-unavailable rather than blocking the thread
 * past its poll interval, so it can be replayed from the dead-letter topic.
 */
public final class RegistryAvroRequestReader implements AvroRequestReader {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryAvroRequestReader.class);
    private final AvroWireCodec<ProofRequest> codec;
    private final List<Duration> backoff;

    public RegistryAvroRequestReader(AvroWireCodec<ProofRequest> codec, List<Duration> backoff) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.backoff = List.copyOf(backoff);
    }

    @Override
    public IncomingProof read(byte[] value) throws Undecodable {
        ProofRequest request = decodeWithRetries(value);
        ProofOptions options = request.getOptions();
        Map<String, String> metadata = request.getMetadata() == null ? Map.of() : request.getMetadata();
        return new IncomingProof(request.getId(), request.getCode(),
                request.getTimeoutSeconds() == null ? null : request.getTimeoutSeconds().longValue(),
                options != null && options.getAllTactics(), options == null ? null : options.getInfotree(),
                options == null ? null : options.getStrict(), metadata, List.of(), request.getStatement(),
                options != null && options.getNoCache());
    }

    private ProofRequest decodeWithRetries(byte[] value) throws Undecodable {
        for (int attempt = 0; ; attempt++) {
            try {
                return codec.decode(value);
            } catch (WireFormatException e) {
                throw new Undecodable(reason(e.reason()), e.getMessage());
            } catch (SchemaRegistryUnavailableException e) {
                if (attempt >= backoff.size()) {
                    throw new Undecodable(Undecodable.Reason.REGISTRY_UNAVAILABLE,
                            "the schema registry did not answer after " + (attempt + 1) + " tries: " + e.getMessage());
                }
                LOG.warn("schema registry unavailable ({}); retrying in {} ms", e.getMessage(),
                        backoff.get(attempt).toMillis());
                sleep(backoff.get(attempt));
            } catch (SchemaRegistryException e) {
                throw new Undecodable(Undecodable.Reason.REGISTRY_UNAVAILABLE,
                        "the schema registry refused the lookup: " + e.getMessage());
            }
        }
    }

    private static Undecodable.Reason reason(WireFormatException.Reason reason) {
        return switch (reason) {
            case EMPTY, TOO_SHORT -> Undecodable.Reason.AVRO_TOO_SHORT;
            case BAD_MAGIC_BYTE -> Undecodable.Reason.AVRO_BAD_MAGIC_BYTE;
            case UNKNOWN_SCHEMA_ID -> Undecodable.Reason.AVRO_UNKNOWN_SCHEMA_ID;
            case NOT_AVRO_SCHEMA, INCOMPATIBLE_SCHEMA -> Undecodable.Reason.AVRO_INCOMPATIBLE_SCHEMA;
            case MALFORMED_AVRO -> Undecodable.Reason.AVRO_MALFORMED;
        };
    }

    private static void sleep(Duration d) throws Undecodable {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Undecodable(Undecodable.Reason.REGISTRY_UNAVAILABLE, "interrupted while waiting for the registry");
        }
    }
}
