package dev.leanverify.stream;

import dev.leanverify.codec.ProofRequestSerde;
import dev.leanverify.schema.ProofRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The in-flight store's value format: a version byte, the timestamp, the headers, then the request
 * in the repartition topics' Avro encoding. A small fixed frame written by hand: the request part
 * already has a schema-checked encoding, and headers have no Avro type of their own.
 */
final class InFlightSerde implements Serde<InFlight> {
    private static final int VERSION = 1;
    private final ProofRequestSerde requests = new ProofRequestSerde();

    @Override
    public Serializer<InFlight> serializer() {
        Serializer<ProofRequest> request = requests.serializer();
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeLong(value.timestamp());
                Header[] headers = value.headers().toArray();
                out.writeInt(headers.length);
                for (Header h : headers) {
                    out.writeUTF(h.key());
                    out.writeInt(h.value() == null ? -1 : h.value().length);
                    if (h.value() != null) {
                        out.write(h.value());
                    }
                }
                out.write(request.serialize(topic, value.request()));
            } catch (IOException e) {
                throw new SerializationException("cannot encode an in-flight proof", e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<InFlight> deserializer() {
        Deserializer<ProofRequest> request = requests.deserializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
                int version = in.readUnsignedByte();
                if (version != VERSION) {
                    throw new SerializationException("in-flight proof of unknown format version " + version);
                }
                long timestamp = in.readLong();
                int count = in.readInt();
                var headers = new RecordHeaders();
                for (int i = 0; i < count; i++) {
                    String key = in.readUTF();
                    int length = in.readInt();
                    headers.add(key, length < 0 ? null : in.readNBytes(length));
                }
                return new InFlight(request.deserialize(topic, in.readAllBytes()), timestamp, headers);
            } catch (IOException e) {
                throw new SerializationException("cannot decode an in-flight proof", e);
            }
        };
    }
}
