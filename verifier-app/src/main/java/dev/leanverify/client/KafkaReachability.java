package dev.leanverify.client;

import dev.leanverify.config.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before a command starts its real work, that Kafka answers within a short timeout and
 * that the topics it needs exist. Kafka's clients retry an unreachable cluster for a minute or
 * more, logging warnings; this turns that into one sentence in seconds ("cannot reach Kafka at
 * 127.0.0.1:1 (connection refused) — is a broker running? ..."). First a plain TCP connection
 * to each bootstrap address (it names the reason: refused, unknown host, no answer), then an
 * admin request (it proves a Kafka broker answers with these client settings).
 */
public final class KafkaReachability {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);
    static final String START_ONE = "is a broker running? `ops/leanverify broker` starts one";

    private KafkaReachability() {
    }

    /**
     * @param clientProperties bootstrap.servers and any security settings
     * @param topics           topics that must exist (none to check the cluster alone)
     * @throws UnreachableException when Kafka does not answer in time or a topic is missing
     * @throws ConfigException      when bootstrap.servers is not a list of HOST:PORT
     */
    public static void check(Properties clientProperties, Duration timeout, Collection<String> topics) {
        String servers = String.valueOf(clientProperties.getOrDefault(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:9092"));
        long deadline = System.nanoTime() + timeout.toNanos();
        connectToAny(servers, timeout);
        Properties p = new Properties();
        p.putAll(clientProperties);
        int remainingMs = (int) Math.max(1000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, remainingMs);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, remainingMs);
        Admin admin = Admin.create(p);
        try {
            Set<String> present = admin.listTopics().names().get(remainingMs, TimeUnit.MILLISECONDS);
            for (String topic : topics) {
                if (!present.contains(topic)) {
                    throw new UnreachableException("topic '" + topic + "' does not exist on Kafka at " + servers
                            + " — start a verifier there first (`leanverify run` creates its topics), or name the"
                            + " right topic (topics.* settings)");
                }
            }
        } catch (TimeoutException e) {
            throw silent(servers, timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw silent(servers, timeout, e); // the admin client's own deadline came first
            }
            throw new UnreachableException("Kafka at " + servers + " refused a request: " + e.getCause().getMessage()
                    + " — check the client settings (security.protocol, sasl.*, ssl.*)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while checking Kafka at " + servers, e);
        } finally {
            // close() without a bound waits for the calls still in flight: against a peer that accepts
            // and never answers that was twenty minutes (seen in KafkaReachabilityTest under load)
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static UnreachableException silent(String servers, Duration timeout, Exception e) {
        return new UnreachableException("Kafka at " + servers + " accepts connections but did not answer within "
                + seconds(timeout) + " — is it a Kafka broker, and do the security settings (security.protocol,"
                + " sasl.*) match it?", e);
    }

    /** A TCP connection to at least one bootstrap address, or an exception naming why none answered. */
    private static void connectToAny(String servers, Duration timeout) {
        List<String> failures = new ArrayList<>();
        List<String> addresses = addresses(servers);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String address : addresses) {
            String host = Utils.getHost(address);
            Integer port = Utils.getPort(address);
            int remaining = (int) Math.max(200, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), remaining);
                return;
            } catch (IOException e) {
                LOG.debug("cannot connect to {}", address, e);
                failures.add(address + " (" + reason(e, timeout) + ")");
            }
        }
        throw new UnreachableException("cannot reach Kafka at " + String.join(", ", failures) + " — " + START_ONE
                + ", or set bootstrap.servers");
    }

    static List<String> addresses(String servers) {
        List<String> addresses = new ArrayList<>();
        for (String raw : servers.split(",")) {
            String address = raw.strip();
            int scheme = address.indexOf("://");
            if (scheme >= 0) {
                address = address.substring(scheme + 3); // a listener name such as PLAINTEXT://
            }
            if (address.isEmpty()) {
                continue;
            }
            if (Utils.getHost(address) == null || Utils.getPort(address) == null) {
                throw new ConfigException("bootstrap.servers has '" + raw.strip() + "', which is not HOST:PORT"
                        + " (e.g. localhost:9092)");
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new ConfigException("bootstrap.servers is empty: give HOST:PORT (e.g. localhost:9092)");
        }
        return addresses;
    }

    static String reason(IOException e, Duration timeout) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + seconds(timeout);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
