package dev.leanverify.stats;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A problem's {samples, verified} in its store: two big-endian longs. */
final class OutcomeSerde implements Serde<long[]> {
    @Override
    public Serializer<long[]> serializer() {
        return (topic, o) -> o == null ? null : ByteBuffer.allocate(16).putLong(o[0]).putLong(o[1]).array();
    }

    @Override
    public Deserializer<long[]> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != 16) {
                throw new SerializationException("a problem outcome is 16 bytes, got " + bytes.length + " in " + topic);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new long[] {b.getLong(), b.getLong()};
        };
    }
}
