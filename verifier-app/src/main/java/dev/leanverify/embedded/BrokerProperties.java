package dev.leanverify.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The broker configuration of a single combined KRaft node (broker and controller) listening on
 * 127.0.0.1 only. The defaults are those that matter for one node: replication factors and ISR
 * of the internal topics at 1, no initial rebalance delay, a small log-cleaner buffer (the
 * default 128 MiB dominates the heap), and room for records of up to 16 MiB. The offsets and
 * transaction-state topics get 5 partitions instead of 50: less to create and load on one node.
 */
final class BrokerProperties {
    /** Largest record batch the broker accepts, and fetches for replication. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    static final String HOST = "127.0.0.1";
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    /**
     * @param port           the resolved client port
     * @param controllerPort the resolved controller port
     * @param logDir         the directory holding the partitions and the metadata log
     * @param extra          properties that override the defaults (reserved keys already refused)
     */
    static Properties of(int port, int controllerPort, Path logDir, Map<String, String> extra) {
        Properties p = new Properties();
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST
                + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.setProperty("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        extra.forEach(p::setProperty);
        return p;
    }
}
