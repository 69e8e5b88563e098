package dev.leanverify.verify;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits for proof bodies.
 *
 * @param defaultTimeout used when a request names none
 * @param maxTimeout     the most a request may ask for (requests above it are invalid)
 */
public record VerifierLimits(Duration defaultTimeout, Duration maxTimeout) {

    public VerifierLimits {
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(maxTimeout, "maxTimeout");
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("the default proof timeout must be positive, was " + defaultTimeout);
        }
        if (maxTimeout.compareTo(defaultTimeout) < 0) {
            throw new IllegalArgumentException("the maximum proof timeout (" + maxTimeout.toSeconds()
                    + " s) must not be below the default (" + defaultTimeout.toSeconds() + " s)");
        }
    }

    /** The limit for a request: its own, or the default, never above the maximum. */
    public Duration effective(Duration requested) {
        Duration t = requested == null ? defaultTimeout : requested;
        return t.compareTo(maxTimeout) > 0 ? maxTimeout : t;
    }
}
