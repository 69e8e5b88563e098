package dev.leanverify.registry;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * The Confluent wire format's framing: a magic byte 0, the writer schema's registry id as four
 * big-endian bytes, then the Avro binary body. Only the header is handled here.
 */
public final class ConfluentWireFormat {
    /** The first byte of every framed record. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /**
     * The schema id in the header of framed bytes; the Avro body starts at {@link #HEADER_SIZE}.
     *
     * @throws WireFormatException with reason EMPTY, TOO_SHORT or BAD_MAGIC_BYTE
     */
    public static int schemaId(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new WireFormatException(WireFormatException.Reason.EMPTY, "no bytes to decode");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Reason.BAD_MAGIC_BYTE, String.format(
                    "first byte is 0x%02x, the Confluent wire format starts with 0x00 (is it plain JSON or another format?)",
                    bytes[0] & 0xff));
        }
        if (bytes.length < HEADER_SIZE) {
            throw new WireFormatException(WireFormatException.Reason.TOO_SHORT,
                    bytes.length + " bytes, fewer than the " + HEADER_SIZE + "-byte header (magic byte and schema id)");
        }
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    /** Writes the header for a record of this schema id. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }
}
