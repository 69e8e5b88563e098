package dev.leanverify.registry;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A test double: an in-memory registry that counts lookups, can be made unavailable, and can
 * pretend some ids hold PROTOBUF schemas.
 */
final class CountingRegistry implements SchemaRegistry {
    private final InMemorySchemaRegistry delegate = new InMemorySchemaRegistry("counting");
    private final Set<Integer> protobufIds = new HashSet<>();
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    volatile boolean unavailable;

    void pretendProtobuf(int id) {
        protobufIds.add(id);
    }

    @Override
    public int register(String subject, Schema schema) {
        registrations.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        lookups.incrementAndGet();
        if (unavailable) {
            throw new SchemaRegistryUnavailableException("test registry is down");
        }
        if (protobufIds.contains(id)) {
            throw new NotAvroSchemaException("schema id " + id + " is a PROTOBUF schema, not Avro", "PROTOBUF");
        }
        return delegate.schemaById(id);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public Schema version(String subject, int version) {
        return delegate.version(subject, version);
    }

    @Override
    public Schema latest(String subject) {
        return delegate.latest(subject);
    }
}
