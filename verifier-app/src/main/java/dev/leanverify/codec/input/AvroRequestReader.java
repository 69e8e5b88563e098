package dev.leanverify.codec.input;

/** Reads a proof request in the Confluent Avro wire format (magic byte 0, schema id, Avro binary). */
@FunctionalInterface
public interface AvroRequestReader {
    IncomingProof read(byte[] value) throws Undecodable;

    /** The reader to use when no schema registry is configured: every Avro record is undecodable. */
    static AvroRequestReader withoutRegistry() {
        return value -> {
            throw new Undecodable(Undecodable.Reason.AVRO_NO_REGISTRY, "the value starts with byte 0 (the Confluent"
                    + " Avro wire format) but no schema.registry.url is configured to resolve its schema");
        };
    }
}
