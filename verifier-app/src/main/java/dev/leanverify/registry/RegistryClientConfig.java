package dev.leanverify.registry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link RestSchemaRegistry} talks to a registry: the per-request timeout, optional HTTP basic
 * credentials and how many schemas and ids it caches.
 *
 * @param requestTimeout limit for connecting and for each request; positive
 * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, or null for none
 * @param cacheCapacity how many schemas by id, and ids by subject and schema, to keep; at least 1
 */
public record RegistryClientConfig(Duration requestTimeout, String basicAuthUserInfo, int cacheCapacity) {
    /** Property: {@code user:password} for HTTP basic authentication (Confluent's name). */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Property: where credentials come from (Confluent's name); only {@code USER_INFO} is supported. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** Property: request timeout in milliseconds. */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    /** Property: cache capacity. */
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_CACHE_CAPACITY = 1_000;

    public RegistryClientConfig {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (basicAuthUserInfo != null && basicAuthUserInfo.indexOf(':') < 0) {
            throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must have the form user:password");
        }
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1: " + cacheCapacity);
        }
    }

    /** Ten-second requests, no authentication, a thousand cached schemas. */
    public static RegistryClientConfig defaults() {
        return new RegistryClientConfig(DEFAULT_REQUEST_TIMEOUT, null, DEFAULT_CACHE_CAPACITY);
    }

    /**
     * The defaults overridden by the properties named by this class's constants; other keys are
     * ignored, so the application's whole configuration can be passed.
     *
     * @throws IllegalArgumentException naming the key and the value when one is malformed
     */
    public static RegistryClientConfig fromProperties(Map<?, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        Object source = properties.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        if (source != null && !source.toString().trim().toUpperCase(Locale.ROOT).equals("USER_INFO")) {
            throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source
                    + " is not supported; use USER_INFO with " + BASIC_AUTH_USER_INFO);
        }
        Object userInfo = properties.get(BASIC_AUTH_USER_INFO);
        Object timeoutMs = properties.get(REQUEST_TIMEOUT_MS);
        Object capacity = properties.get(CACHE_CAPACITY);
        return new RegistryClientConfig(
                timeoutMs == null ? DEFAULT_REQUEST_TIMEOUT : Duration.ofMillis(parseInt(REQUEST_TIMEOUT_MS, timeoutMs)),
                userInfo == null || userInfo.toString().isEmpty() ? null : userInfo.toString(),
                capacity == null ? DEFAULT_CACHE_CAPACITY : parseInt(CACHE_CAPACITY, capacity));
    }

    private static int parseInt(String key, Object value) {
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: '" + value + "'", e);
        }
    }

    public RegistryClientConfig withRequestTimeout(Duration timeout) {
        return new RegistryClientConfig(timeout, basicAuthUserInfo, cacheCapacity);
    }

    public RegistryClientConfig withBasicAuthUserInfo(String userInfo) {
        return new RegistryClientConfig(requestTimeout, userInfo, cacheCapacity);
    }

    public RegistryClientConfig withCacheCapacity(int capacity) {
        return new RegistryClientConfig(requestTimeout, basicAuthUserInfo, capacity);
    }

    /** The basic-auth credentials, if any. */
    public Optional<String> basicAuth() {
        return Optional.ofNullable(basicAuthUserInfo);
    }

    /** Names the user but never the password. */
    @Override
    public String toString() {
        String auth = basicAuthUserInfo == null
                ? "none"
                : basicAuthUserInfo.substring(0, basicAuthUserInfo.indexOf(':')) + ":[hidden]";
        return "RegistryClientConfig[requestTimeout=" + requestTimeout + ", basicAuth=" + auth
                + ", cacheCapacity=" + cacheCapacity + "]";
    }
}
