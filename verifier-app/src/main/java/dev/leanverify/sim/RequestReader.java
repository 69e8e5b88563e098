package dev.leanverify.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Objects;

/**
 * Reads requests from the simulator's stdin exactly as the real REPL does (its {@code getLines}):
 * lines up to a blank line, each with trailing white space trimmed, joined with nothing in between.
 * The stream form of {@link dev.leanverify.repl.protocol.Framing#splitRequests}, with the REPL's
 * own edge cases kept because a test double should fail where the real thing fails:
 * <ul>
 *   <li>end of input before any line gives {@code ""} (the REPL then exits normally);</li>
 *   <li>a blank line where a request should start gives that line ({@code "\n"}), which is not
 *       JSON, so the REPL dies on it: clients must send exactly one blank line per request;</li>
 *   <li>the blank line that ends a request is kept as a final {@code "\n"}.</li>
 * </ul>
 * Skipping requests that start with {@code #} or {@code --} is the caller's job, as in the REPL.
 */
final class RequestReader {
    private final BufferedReader in;

    RequestReader(BufferedReader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** The next request as the REPL reads it; {@code ""} at end of input. */
    String next() throws IOException {
        StringBuilder query = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return query.toString();
            }
            if (line.isBlank()) {
                return query.append(line).append('\n').toString();
            }
            query.append(line.stripTrailing());
        }
    }
}
