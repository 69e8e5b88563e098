package dev.leanverify.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Finds free ports on 127.0.0.1 and checks chosen ones, so that a taken port is reported
 * plainly before the broker half-starts. A port found free can still be taken by another
 * process before the broker binds it; the broker's own bind error is then reported instead.
 */
final class FreePorts {
    private static final InetAddress LOOPBACK = loopback();

    private FreePorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /**
     * Returns {@code port}, or a free port when it is 0.
     *
     * @param role what the port is for, as the error message names it ("client port")
     * @throws BrokerStartException if the port is already in use
     */
    static int resolve(int port, String role) {
        if (port == 0) {
            return pick();
        }
        try (ServerSocket socket = new ServerSocket()) {
            // As Kafka binds its listeners: connections of a broker that just stopped, left in
            // TIME_WAIT, must not block a restart on the same port; a live listener still does.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return port;
        } catch (BindException e) {
            throw new BrokerStartException(role + " " + port + " on 127.0.0.1 is already in use; stop whatever"
                    + " listens there or choose another port (0 picks a free one)", e);
        } catch (IOException e) {
            throw new BrokerStartException("cannot check " + role + " " + port + " on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is a valid address", e);
        }
    }
}
