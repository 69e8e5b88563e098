package dev.leanverify.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.testing.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard against a real (embedded) broker: which local state it keeps and which it wipes, and why. */
@Tag("integration")
class LocalStateGuardTest {
    private static final String APP = "guard-test";
    private static final String PROOFS = "guard-test.proofs";
    private static EmbeddedStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        stack = EmbeddedStack.start();
        try (Admin admin = Admin.create(admin())) {
            admin.createTopics(List.of(new NewTopic(PROOFS, 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        stack.close();
    }

    private static Properties admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        return p;
    }

    private static TopologyDescription topology(String sink) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(PROOFS).to(sink);
        return b.build().describe();
    }

    private LocalStateGuard guard(String sink) {
        return new LocalStateGuard(admin(), APP, PROOFS, topology(sink), dir);
    }

    private void someLocalState() throws Exception {
        Files.createDirectories(dir.resolve(APP).resolve("1_0"));
    }

    @Test
    void freshStateIsBoundToTheClusterWithoutWiping() {
        AtomicInteger wipes = new AtomicInteger();
        assertThat(guard("out").bindOrWipe(wipes::incrementAndGet)).isEmpty();
        assertThat(wipes).hasValue(0);
        StateBinding bound = StateBinding.read(dir).orElseThrow();
        assertThat(bound.clusterId()).isNotBlank();
        assertThat(bound.proofsPartitions()).isEqualTo(3);
    }

    @Test
    void stateOfThisClusterAndLayoutIsKeptAcrossRestarts() throws Exception {
        AtomicInteger wipes = new AtomicInteger();
        guard("out").bindOrWipe(wipes::incrementAndGet);
        someLocalState();
        assertThat(guard("out").bindOrWipe(wipes::incrementAndGet)).isEmpty();
        assertThat(wipes).hasValue(0);
    }

    @Test
    void stateOfAnotherClusterIsWipedSayingWhich() throws Exception {
        someLocalState();
        new StateBinding("an-older-cluster", PROOFS, 3, LocalStateGuard.digest(topology("out").toString()), Map.of())
                .write(dir);
        AtomicInteger wipes = new AtomicInteger();
        assertThat(guard("out").bindOrWipe(wipes::incrementAndGet)).hasValueSatisfying(r ->
                assertThat(r).contains("an-older-cluster"));
        assertThat(wipes).hasValue(1);
        assertThat(StateBinding.read(dir).orElseThrow().clusterId()).isNotEqualTo("an-older-cluster");
    }

    @Test
    void stateOfAnotherPartitionCountOrTopologyOrOfUnknownOriginIsWiped() throws Exception {
        someLocalState();
        AtomicInteger wipes = new AtomicInteger();
        assertThat(guard("out").bindOrWipe(wipes::incrementAndGet)).hasValueSatisfying(r ->
                assertThat(r).contains("nothing records"));
        StateBinding bound = StateBinding.read(dir).orElseThrow();
        new StateBinding(bound.clusterId(), PROOFS, 64, bound.topology(), Map.of()).write(dir);
        assertThat(guard("out").bindOrWipe(wipes::incrementAndGet)).hasValueSatisfying(r ->
                assertThat(r).contains("64 partitions"));
        assertThat(guard("another-sink").bindOrWipe(wipes::incrementAndGet)).hasValueSatisfying(r ->
                assertThat(r).contains("topology"));
        new StateBinding(bound.clusterId(), PROOFS, 3, LocalStateGuard.digest(topology("out").toString()),
                Map.of(APP + "-seen-proof-ids-changelog", 3)).write(dir);
        assertThat(guard("out").bindOrWipe(wipes::incrementAndGet)).hasValueSatisfying(r ->
                assertThat(r).contains("no longer exists"));
        assertThat(wipes).hasValue(4);
    }
}
