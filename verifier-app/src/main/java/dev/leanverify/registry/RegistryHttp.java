package dev.leanverify.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The HTTP side of {@link RestSchemaRegistry}: sends a request to the registry URLs (the one that
 * last answered first, the others when it is unavailable) and turns the outcome into JSON or into
 * the registry exceptions. Knows the transport and the error format, not the API's resources.
 */
final class RegistryHttp {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int BODY_EXCERPT = 200;

    private final List<String> baseUrls;
    private final Duration timeout;
    private final String authorization;
    private final ObjectMapper mapper;
    private final HttpClient client;
    private final AtomicInteger preferred = new AtomicInteger();

    /** A registry's error answer. */
    record Failure(String request, int httpStatus, int errorCode, String message) {
        String describe() {
            return request + " answered HTTP " + httpStatus
                    + (errorCode == 0 ? "" : " error_code " + errorCode) + ": " + message;
        }
    }

    RegistryHttp(List<URI> baseUrls, RegistryClientConfig config, ObjectMapper mapper) {
        Objects.requireNonNull(baseUrls, "baseUrls");
        Objects.requireNonNull(config, "config");
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        this.baseUrls = baseUrls.stream().map(RegistryHttp::withoutTrailingSlash).toList();
        this.timeout = config.requestTimeout();
        this.authorization = config.basicAuth()
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        // HTTP/1.1 as registries serve it; no h2c upgrade attempts on plain http.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    private static String withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The registry URLs, for messages. */
    String urls() {
        return String.join(",", baseUrls);
    }

    /**
     * GETs a path (already encoded) and returns the JSON answer.
     *
     * @param notFound makes the exception for a Confluent not-found answer (HTTP 404, error 404xx)
     */
    JsonNode get(String path, Function<Failure, ? extends RuntimeException> notFound) {
        return send(path, null, notFound);
    }

    /** POSTs a JSON body to a path (already encoded) and returns the JSON answer. */
    JsonNode post(String path, JsonNode body, Function<Failure, ? extends RuntimeException> notFound) {
        try {
            return send(path, mapper.writeValueAsString(body), notFound);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
        }
    }

    private JsonNode send(String path, String body, Function<Failure, ? extends RuntimeException> notFound) {
        int first = preferred.get();
        SchemaRegistryUnavailableException last = null;
        for (int i = 0; i < baseUrls.size(); i++) {
            int index = (first + i) % baseUrls.size();
            try {
                JsonNode answer = sendOnce(baseUrls.get(index) + path, body, notFound);
                preferred.set(index);
                return answer;
            } catch (SchemaRegistryUnavailableException e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        if (baseUrls.size() == 1) {
            throw last;
        }
        throw new SchemaRegistryUnavailableException("no schema registry answered " + (body == null ? "GET " : "POST ")
                + path + " (tried " + urls() + "); last: " + last.getMessage(), last);
    }

    private JsonNode sendOnce(String url, String body, Function<Failure, ? extends RuntimeException> notFound) {
        String request = (body == null ? "GET " : "POST ") + url;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryUnavailableException("schema registry unavailable: " + request + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("interrupted while waiting for " + request, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(request, status, response.body());
        }
        Failure failure = failure(request, status, response.body());
        // 5xx, rate limiting and request timeouts pass; everything else is the registry's verdict.
        if (status >= 500 || status == 429 || status == 408) {
            throw new SchemaRegistryUnavailableException("schema registry unavailable: " + failure.describe());
        }
        // A 404 without a 404xx code is not a registry's answer (wrong URL or path prefix): treating it
        // as "unknown schema" would blame every record for a configuration mistake.
        if (status == 404 && failure.errorCode() / 100 == 404) {
            throw notFound.apply(failure);
        }
        throw new SchemaRegistryException(failure.describe(), status, failure.errorCode());
    }

    private JsonNode parse(String request, int status, String body) {
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(request + " answered HTTP " + status
                    + " with a body that is not JSON: " + excerpt(body), e);
        }
    }

    private Failure failure(String request, int status, String body) {
        try {
            JsonNode json = mapper.readTree(body);
            if (json != null && json.isObject()) {
                return new Failure(request, status, json.path("error_code").asInt(0), json.path("message").asText(""));
            }
        } catch (JsonProcessingException e) {
            // Not the registry's JSON error format (a proxy page, say): report the text itself.
        }
        return new Failure(request, status, 0, excerpt(body));
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= BODY_EXCERPT ? body : body.substring(0, BODY_EXCERPT) + "...";
    }
}
