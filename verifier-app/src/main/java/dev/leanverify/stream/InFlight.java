package dev.leanverify.stream;

import dev.leanverify.schema.ProofRequest;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * A proof handed to a Lean slot and not yet answered, as the in-flight store keeps it: enough to
 * verify it again and to write its result as if it had never left the stream thread.
 *
 * @param request   the request
 * @param timestamp the input record's timestamp (the result's timestamp)
 * @param headers   the input record's headers (the source, the verdict-cache key)
 */
record InFlight(ProofRequest request, long timestamp, Headers headers) {
    InFlight {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(headers, "headers");
    }
}
