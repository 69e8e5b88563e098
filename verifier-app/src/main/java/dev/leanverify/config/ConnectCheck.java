package dev.leanverify.config;

import java.time.Duration;
import java.util.Set;

/**
 * How long a command waits, before anything else, for Kafka (and an HTTP schema registry) to
 * answer: a wrong address then fails in seconds with one clear line instead of minutes of
 * client retries. Zero skips the check.
 */
public record ConnectCheck(Duration timeout) {
    public static final String TIMEOUT_KEY = "connect.check.timeout.ms";
    public static final Set<String> KEYS = Set.of(TIMEOUT_KEY);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static ConnectCheck from(Settings s) {
        return new ConnectCheck(Duration.ofMillis(s.longValue(TIMEOUT_KEY, DEFAULT_TIMEOUT.toMillis(), 0, 600_000)));
    }

    public boolean enabled() {
        return !timeout.isZero();
    }
}
