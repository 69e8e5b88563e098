package dev.leanverify.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A local port nothing listens on: bound once to learn a free one, then closed. */
final class ClosedPort {
    private ClosedPort() {
    }

    static int find() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
