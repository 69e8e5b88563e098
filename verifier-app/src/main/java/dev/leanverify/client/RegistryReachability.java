package dev.leanverify.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that an HTTP schema registry answers within a short timeout, so that a wrong URL fails
 * at once with one sentence instead of on the first record. Any HTTP answer counts (a 401 still
 * proves a registry is there); {@code mock://} registries live in the process and need no check.
 */
public final class RegistryReachability {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryReachability.class);

    private RegistryReachability() {
    }

    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
        }
        return String.valueOf(e.getMessage());
    }

    /** @throws UnreachableException when the registry does not answer in time */
    public static void check(String url, Duration timeout) {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            return;
        }
        String first = url.split(",")[0].strip();
        String advice = " — is the schema registry running? (schema.registry.url=mock://NAME gives an in-memory"
                + " one for local use)";
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(first.endsWith("/") ? first : first + "/"))
                    .timeout(timeout).GET().build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IllegalArgumentException e) {
            throw new UnreachableException("schema.registry.url '" + url + "' is not a URL: " + e.getMessage(), e);
        } catch (HttpConnectTimeoutException e) {
            throw new UnreachableException("cannot reach the schema registry at " + first + " (no answer within "
                    + KafkaReachability.seconds(timeout) + ")" + advice, e);
        } catch (HttpTimeoutException e) {
            throw new UnreachableException("the schema registry at " + first + " accepted a connection but did not"
                    + " answer within " + KafkaReachability.seconds(timeout) + advice, e);
        } catch (IOException e) {
            LOG.debug("cannot reach the schema registry at {}", first, e);
            String reason = reason(e);
            throw new UnreachableException("cannot reach the schema registry at " + first + " (" + reason + ")"
                    + advice, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while checking the schema registry at " + first, e);
        }
    }
}
