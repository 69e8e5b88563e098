package dev.leanverify.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.metrics.Health;
import dev.leanverify.repl.Retirement;
import dev.leanverify.service.VerifierService;
import dev.leanverify.testing.EmbeddedStack;
import dev.leanverify.verify.ProofVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4, Lean faults: the simulated REPL crashes, hangs, answers garbage or half an answer,
 * floods stderr, grows without bound, starts slowly, or cannot start at all. Every proof gets
 * its terminal status, the stream threads keep running (none is replaced), no REPL process
 * outlives the instance, and a REPL that cannot start gives INTERNAL_ERROR results with the
 * reason and a degraded health (503 on /health/ready), with back-off instead of a crash loop.
 */
@Tag("integration")
@Tag("reliability")
@ExtendWith({ScenarioReport.class, SharedBroker.class})
class LeanFaultScenarioTest {
    private static EmbeddedStack stack;

    @BeforeAll
    static void broker(EmbeddedStack shared) {
        stack = shared;
    }

    /** Settings of an instance on the shared broker, with its own topics and REPL directory. */
    private static Map<String, String> settings(String name, Path projectDir) {
        Map<String, String> s = stack.settings(name);
        s.put("lean.sim.recordings", "none");
        s.put("lean.project.dir", projectDir.toString());
        s.put("lean.sandbox.rw.paths", projectDir.toString()); // REPLs found by their working directory
        s.put("lean.timeout.default.seconds", "10");
        s.put("metrics.port", "0");
        s.put("metrics.bind.address", "127.0.0.1");
        return s;
    }

    private static Set<String> threadNames(VerifierService service) {
        return service.app().streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }

    private static Ledger verify(String name, VerifierService service, List<byte[][]> records, Ledger ledger,
                                 Duration timeout) {
        stack.send(name + ".proofs", records);
        try (CommittedReader reader = new CommittedReader(stack.bootstrapServers(), ledger,
                List.of(name + ".results"), name + ".dlq")) {
            reader.until(ledger::allSeen, timeout, "a result for every proof");
            reader.settle(Duration.ofSeconds(2), Duration.ofMinutes(1));
        }
        return ledger;
    }

    @Test
    void eachFaultGetsItsTerminalStatusAndTheStreamThreadsKeepRunning(ScenarioReport.Table table) throws IOException {
        String name = "lean-faults";
        Path projectDir = Files.createTempDirectory("lean-faults-");
        Map<String, String> s = settings(name, projectDir);
        s.put("lean.memory.limit.mb", "300");
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        VerifierService service = stack.startVerifier(s);
        Set<String> threadsBefore = threadNames(service);
        Map<String, String> faults = new LinkedHashMap<>();
        faults.put("crash", "REPL_CRASH");
        faults.put("exit 3", "REPL_CRASH");
        faults.put("hang", "TIMEOUT");
        faults.put("sleep-hang", "TIMEOUT");
        faults.put("garbage", "REPL_CRASH");
        faults.put("partial", "REPL_CRASH");
        faults.put("stderr-flood 20", "VERIFIED");
        faults.put("memory-grow 400", "RESOURCE_LIMIT");
        faults.put("spawn-child", "VERIFIED");
        faults.put("error the simulated proof is wrong", "LEAN_ERROR");
        List<byte[][]> records = new ArrayList<>();
        int n = 0;
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, String> f : faults.entrySet()) {
                String id = "fault-" + round + "-" + f.getKey().split(" ")[0];
                // hangs run into a short proof timeout; the rest must end sooner than the default one
                Integer timeout = f.getValue().equals("TIMEOUT") ? 2 : null;
                records.add(Proofs.request(id, timeout, "theorem t : True := trivial", f.getKey()));
                ledger.expect(id, f.getValue());
                String ok = "ok-" + n++;
                records.add(Proofs.verified(ok, 10));
                ledger.expect(ok, "VERIFIED");
            }
            String sorry = "sorry-" + round;
            records.add(Proofs.request(sorry, null, "theorem t : 1 = 1 := by\n  sorry"));
            ledger.expect(sorry, "SORRY");
        }
        try {
            try (CommittedReader reader = new CommittedReader(stack.bootstrapServers(), ledger,
                    List.of(name + ".results"), name + ".dlq")) {
                stack.send(name + ".proofs", records);
                reader.until(ledger::allSeen, Duration.ofMinutes(4), "a result for every proof");
                // the threads that took every fault still verify
                ledger.expect("after-the-faults", "VERIFIED");
                stack.send(name + ".proofs", List.<byte[][]>of(Proofs.verified("after-the-faults", 10)));
                reader.until(ledger::allSeen, Duration.ofMinutes(1), "the proof after the faults");
                reader.settle(Duration.ofSeconds(2), Duration.ofMinutes(1));
            }
            assertThat(service.app().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(threadNames(service)).as("stream threads (none replaced)").isEqualTo(threadsBefore);
            assertThat(service.health().get().ready()).as(service.health().get().detail()).isTrue();
            service.close(Duration.ofSeconds(30));
            ReplScan.awaitNoneIn(projectDir, Duration.ofSeconds(5), "after closing the instance");
        } finally {
            table.record(ledger.row(name, Duration.ofNanos(System.nanoTime() - t0), faults.size()
                    + " fault kinds x2 (crash, exit, hang, sleep-hang, garbage, partial, stderr flood, memory growth,"
                    + " child process, Lean error) + sorry, interleaved with valid proofs"));
        }
        assertThat(ledger.problems()).isEmpty();
    }

    @Test
    void aSlowStartingReplStillVerifiesAndOneSlowerThanTheHeaderTimeoutTimesOut(ScenarioReport.Table table)
            throws IOException {
        String name = "lean-slow-start";
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        Path projectDir = Files.createTempDirectory("lean-slow-start-");
        try {
            Map<String, String> slow = settings(name, projectDir);
            slow.put("lean.sim.start.delay.ms", "3000");
            slow.put("lean.header.timeout.seconds", "30");
            VerifierService service = stack.startVerifier(slow);
            List<byte[][]> records = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                records.add(Proofs.verified("slow-start-" + i, 10));
                ledger.expect("slow-start-" + i, "VERIFIED");
            }
            verify(name, service, records, ledger, Duration.ofMinutes(2));
            service.close(Duration.ofSeconds(30));

            String tooSlowName = name + "-too-slow";
            Map<String, String> tooSlow = settings(tooSlowName, projectDir);
            tooSlow.put("lean.sim.start.delay.ms", "60000");
            tooSlow.put("lean.header.timeout.seconds", "2");
            VerifierService tooSlowService = stack.startVerifier(tooSlow);
            Ledger tooSlowLedger = new Ledger();
            tooSlowLedger.expect("too-slow-0", "TIMEOUT");
            verify(tooSlowName, tooSlowService, List.<byte[][]>of(Proofs.verified("too-slow-0", 10)), tooSlowLedger,
                    Duration.ofMinutes(1));
            ledger.expect("too-slow-0", "TIMEOUT");
            tooSlowLedger.outcomesOf("too-slow-0").forEach(o -> ledger.record("too-slow-0", o));
            assertThat(tooSlowLedger.outcomesOf("too-slow-0").get(0).detail()).contains("header timeout");
            tooSlowService.close(Duration.ofSeconds(30));
            ReplScan.awaitNoneIn(projectDir, Duration.ofSeconds(5), "after closing the instances");
        } finally {
            table.record(ledger.row(name, Duration.ofNanos(System.nanoTime() - t0),
                    "REPL start 3 s (header timeout 30 s): VERIFIED; start 60 s (header timeout 2 s): TIMEOUT"));
        }
        assertThat(ledger.problems()).isEmpty();
    }

    @Test
    void aReplCommandThatDoesNotExistGivesInternalErrorsAndADegradedHealth(ScenarioReport.Table table)
            throws Exception {
        cannotStart(table, "lean-missing-command", "/no/such/lean-repl --json", "not an executable file");
    }

    @Test
    void aReplThatExitsBeforeAnsweringGivesInternalErrorsAndADegradedHealth(ScenarioReport.Table table)
            throws Exception {
        // what `lake env repl` does on a machine without the Lean toolchain
        cannotStart(table, "lean-exits-at-start", "sh -c 'echo \"error: toolchain not installed\" >&2; exit 1'",
                "toolchain not installed");
    }

    private static void cannotStart(ScenarioReport.Table table, String name, String command, String reasonWords)
            throws Exception {
        Path projectDir = Files.createTempDirectory(name + "-");
        Map<String, String> s = settings(name, projectDir);
        s.put("lean.simulate", "false");
        s.remove("lean.sim.recordings");
        s.put("lean.repl.command", command);
        s.put("lean.version", "4.19.0");
        s.put("pool.start.backoff.max.ms", "1000");
        long t0 = System.nanoTime();
        Ledger ledger = new Ledger();
        int proofs = 6;
        List<byte[][]> records = new ArrayList<>();
        for (int i = 0; i < proofs; i++) {
            records.add(Proofs.verified(name + "-" + i, 10));
            ledger.expect(name + "-" + i, "INTERNAL_ERROR");
        }
        String note = "";
        try {
            VerifierService service = stack.startVerifier(s);
            Set<String> threadsBefore = threadNames(service);
            verify(name, service, records, ledger, Duration.ofMinutes(2));
            for (int i = 0; i < proofs; i++) {
                assertThat(ledger.outcomesOf(name + "-" + i).get(0).detail())
                        .contains("could not be started").contains(reasonWords);
            }
            Health health = service.health().get();
            assertThat(health.ready()).isFalse();
            assertThat(health.detail()).contains("cannot start").contains(reasonWords);
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.metricsPort() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("degraded");
            // not a crash loop: the threads run on; not a hot spin: one start attempt per proof, backed off
            assertThat(service.app().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(threadNames(service)).isEqualTo(threadsBefore);
            long attempts = 0;
            for (ProofVerifier v : service.app().verifiers().all()) {
                attempts += v.pool().stats().retired(Retirement.START_FAILED);
            }
            assertThat(attempts).as("start attempts").isEqualTo(proofs);
            note = "HTTP /health/ready " + ready.statusCode() + ", " + attempts + " start attempts for " + proofs
                    + " proofs";
            service.close(Duration.ofSeconds(30));
            ReplScan.awaitNoneIn(projectDir, Duration.ofSeconds(5), "after closing the instance");
        } finally {
            table.record(ledger.row(name, Duration.ofNanos(System.nanoTime() - t0),
                    "REPL command `" + command + "`: INTERNAL_ERROR, degraded; " + note));
        }
        assertThat(ledger.problems()).isEmpty();
    }
}
