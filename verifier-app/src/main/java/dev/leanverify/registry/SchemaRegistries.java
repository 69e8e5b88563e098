package dev.leanverify.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns a schema registry URL into a registry. {@code mock://SCOPE} gives the in-memory registry
 * of that scope (the convention of Confluent's serdes), one per scope and held by this factory, so
 * the serdes of one application or test share it while another factory, or another scope, is
 * isolated. {@code http(s)://host:port[,http(s)://host:port...]} gives a {@link RestSchemaRegistry}
 * over those replicas, one per URL list. No state is static: each factory is its own world.
 */
public final class SchemaRegistries {
    public static final String MOCK_PREFIX = "mock://";
    private static final String ACCEPTED =
            "expected mock://SCOPE or http(s)://host:port with more http(s) URLs separated by commas";

    private final RegistryClientConfig clientConfig;
    private final ConcurrentMap<String, InMemorySchemaRegistry> scopes = new ConcurrentHashMap<>();
    private final ConcurrentMap<List<URI>, RestSchemaRegistry> clients = new ConcurrentHashMap<>();

    /** A factory whose REST clients use the default timeout, no authentication and default caches. */
    public SchemaRegistries() {
        this(RegistryClientConfig.defaults());
    }

    /** A factory whose REST clients use this configuration. */
    public SchemaRegistries(RegistryClientConfig clientConfig) {
        this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig");
    }

    /**
     * The registry a URL names; the same URL gives the same registry from this factory.
     *
     * @throws IllegalArgumentException naming the URL and the accepted forms when it is neither
     */
    public SchemaRegistry forUrl(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith(MOCK_PREFIX)) {
            String scope = trimmed.substring(MOCK_PREFIX.length());
            if (scope.isEmpty() || scope.contains(",") || scope.contains("/")) {
                throw invalid(url, "a mock URL names one scope, without '/' or ','");
            }
            return scopes.computeIfAbsent(scope, s -> new InMemorySchemaRegistry(MOCK_PREFIX + s));
        }
        List<URI> urls = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            urls.add(httpUrl(url, part.trim()));
        }
        return clients.computeIfAbsent(List.copyOf(urls), list -> new RestSchemaRegistry(list, clientConfig));
    }

    /** Forgets a mock scope, so the next {@code mock://SCOPE} starts empty. */
    public void dropScope(String scope) {
        scopes.remove(Objects.requireNonNull(scope, "scope"));
    }

    private static URI httpUrl(String whole, String part) {
        URI uri;
        try {
            uri = new URI(part);
        } catch (java.net.URISyntaxException e) {
            throw invalid(whole, "'" + part + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(whole, "'" + part + "' is neither mock:// nor http(s)://");
        }
        if (uri.getHost() == null) {
            throw invalid(whole, "'" + part + "' has no host");
        }
        return uri;
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("unsupported schema registry URL '" + url + "': " + why + "; " + ACCEPTED);
    }
}
