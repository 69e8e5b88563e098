package dev.leanverify.stream;

import dev.leanverify.schema.VerificationResult;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Something more the topology does with the results as they are written (e.g. run statistics),
 * keyed by proof id. Two streams, because the verified and the rejected results come from
 * different sub-topologies and merging them there would fuse those into one.
 */
public interface ResultTap {
    /** Taps nothing. */
    ResultTap NONE = (builder, verified, invalid) -> { };

    void attach(StreamsBuilder builder, KStream<String, VerificationResult> verified,
                KStream<String, VerificationResult> invalid);
}
