package dev.leanverify.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Checking a chosen port before the broker binds it. */
@Tag("unit")
class FreePortsTest {

    @Test
    void aPortLeftInTimeWaitByABrokerThatJustStoppedIsFree() throws IOException {
        // A broker that stops closes its clients' connections first: the port is left with
        // connections in TIME_WAIT, which Kafka's own bind (SO_REUSEADDR) accepts, so a broker
        // restarted on the same port must not be refused by the check.
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort())) {
            port = listener.getLocalPort();
            try (Socket accepted = listener.accept()) {
                accepted.getOutputStream().write(1);
            } // the server side closes first: its end goes to TIME_WAIT
            assertThat(client.getInputStream().read()).isEqualTo(1);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }

        assertThat(FreePorts.resolve(port, "port")).isEqualTo(port);
    }

    @Test
    void aPortWithAListenerIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> FreePorts.resolve(taken.getLocalPort(), "port"))
                    .isInstanceOf(BrokerStartException.class).hasMessageContaining("already in use");
        }
    }
}
