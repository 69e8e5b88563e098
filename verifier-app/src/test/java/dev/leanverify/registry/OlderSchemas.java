package dev.leanverify.registry;

import org.apache.avro.Schema;

/** Hand-written variants of the project's schemas, for resolution and incompatibility tests. */
final class OlderSchemas {
    private OlderSchemas() {
    }

    /** ProofRequest as it would have been before the {@code options} field. */
    static Schema proofRequestWithoutOptions() {
        return new Schema.Parser().parse("""
                {"type": "record", "name": "ProofRequest", "namespace": "dev.leanverify.schema",
                 "fields": [
                   {"name": "id", "type": "string"},
                   {"name": "code", "type": "string"},
                   {"name": "timeoutSeconds", "type": ["null", "int"], "default": null},
                   {"name": "metadata", "type": {"type": "map", "values": "string"}, "default": {}}
                 ]}""");
    }

    /** ProofRequest from a newer producer, with a field this reader does not know. */
    static Schema proofRequestWithPriority() {
        return new Schema.Parser().parse("""
                {"type": "record", "name": "ProofRequest", "namespace": "dev.leanverify.schema",
                 "fields": [
                   {"name": "id", "type": "string"},
                   {"name": "priority", "type": "int", "default": 0},
                   {"name": "code", "type": "string"},
                   {"name": "metadata", "type": {"type": "map", "values": "string"}, "default": {}}
                 ]}""");
    }

    /** A ProofRequest without {@code code}, which the reader requires and has no default for. */
    static Schema proofRequestWithoutCode() {
        return new Schema.Parser().parse("""
                {"type": "record", "name": "ProofRequest", "namespace": "dev.leanverify.schema",
                 "fields": [{"name": "id", "type": "string"}]}""");
    }
}
