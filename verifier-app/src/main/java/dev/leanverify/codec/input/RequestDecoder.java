package dev.leanverify.codec.input;

import java.util.Objects;

/**
 * Tells the two accepted encodings apart by their first byte: 0 is the Confluent Avro wire
 * format, anything else must be a UTF-8 JSON object.
 */
public final class RequestDecoder {
    private final JsonRequestReader json = new JsonRequestReader();
    private final AvroRequestReader avro;

    public RequestDecoder(AvroRequestReader avro) {
        this.avro = Objects.requireNonNull(avro, "avro");
    }

    public IncomingProof decode(byte[] value) throws Undecodable {
        if (value == null) {
            throw new Undecodable(Undecodable.Reason.NULL_VALUE, "the record has no value (null, a tombstone)");
        }
        if (value.length == 0) {
            throw new Undecodable(Undecodable.Reason.EMPTY_VALUE, "the record value is empty");
        }
        if (value[0] == 0) {
            return avro.read(value);
        }
        int first = value[0] & 0xff;
        if (first < 0x20 && first != '\t' && first != '\n' && first != '\r') {
            throw new Undecodable(Undecodable.Reason.UNKNOWN_ENCODING, String.format("the value starts with byte 0x%02x:"
                    + " neither the Confluent Avro magic byte 0 nor JSON text", first));
        }
        return json.read(value);
    }
}
