package dev.leanverify.repl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.PoolConfig;
import dev.leanverify.repl.ReplPool;
import dev.leanverify.repl.ReplSpec;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.sim.SimulatedReplCommand;
import dev.leanverify.testing.SimRepls;
import dev.leanverify.verify.ProofJob;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.ProofVerifier;
import dev.leanverify.verify.ReplSpecs;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.VerifierLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The attacks untrusted Lean code can make, run as simulator directives (the simulated REPL is a
 * test double for Lean) through the real driver (ProofVerifier, ReplPool, ReplProcess) with the
 * sandbox off and on, judged on the host: the file on disk, the secret in the answer, the
 * connection accepted, the process still running. Prints attack | sandbox off | sandbox on.
 */
@Tag("integration")
class SandboxAttackTest {
    private static final String PROOF = "theorem t : True := trivial";
    private static final String SECRET_VAR = "LEANVERIFY_TEST_FAKE_SECRET";
    private static final int PROCESS_BOUND = 64;
    private static final long SCRATCH_MB = 16;

    private final String tag = "lvattack" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Path cwd = Path.of("").toAbsolutePath();
    private final String secret = "s3cret-" + UUID.randomUUID();
    private final List<Path> cleanup = new ArrayList<>();
    private ServerSocket listener;

    @BeforeAll
    static void bubblewrapWorks() {
        Sandbox probe = Sandbox.open(SandboxConfig.defaults(SandboxMode.AUTO), false);
        Assumptions.assumeTrue(probe.enabled(), () -> "SKIPPED: the REPL sandbox does not work here ("
                + probe.disabledReason().orElse("?") + "); install the Debian package bubblewrap");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Path p : cleanup) {
            Files.deleteIfExists(p);
        }
        if (listener != null) {
            listener.close();
        }
        killTagged();
    }

    /** One attack: what the proof says, and whether it worked, judged on the host. */
    private record Attack(String name, String directives, Predicate<VerificationReport> achieved) {
    }

    @Test
    void everyAttackFailsInTheSandboxAndTheNextProofVerifiesOnAFreshRepl() throws Exception {
        Path plantedSecret = cwd.resolve(tag + "-planted-secret.txt");
        Files.writeString(plantedSecret, "planted " + secret + "\n");
        cleanup.add(plantedSecret);
        Path cwdTarget = cwd.resolve(tag + "-written.txt");
        Path tmpTarget = Path.of("/tmp", tag + "-written.txt");
        cleanup.add(cwdTarget);
        cleanup.add(tmpTarget);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(50);

        List<Attack> attacks = List.of(
                new Attack("1 write a file in the working dir and host /tmp",
                        "-- sim: write-file " + cwdTarget + "\n-- sim: write-file " + tmpTarget,
                        r -> Files.exists(cwdTarget) || Files.exists(tmpTarget)),
                new Attack("2 read a file planted in the working dir", "-- sim: read-file " + plantedSecret,
                        r -> said(r, secret)),
                new Attack("3 read an env var (fake secret)", "-- sim: read-env " + SECRET_VAR,
                        r -> said(r, secret)),
                new Attack("4 connect to 127.0.0.1:" + listener.getLocalPort(),
                        "-- sim: open-socket 127.0.0.1:" + listener.getLocalPort(),
                        r -> acceptAll() > 0),
                new Attack("5 children outliving the REPL", "-- sim: spawn-daemon " + tag + "\n-- sim: spawn-child",
                        r -> daemonOutlivesRepl()),
                new Attack("6 spawn 300 processes", "-- sim: spawn-many 300", r -> said(r, "spawned 300 of 300")),
                new Attack("7 fill the scratch (64 MB)", "-- sim: fill-scratch 64", r -> said(r, "wrote 64 MB of 64 MB")));

        Map<String, String[]> table = new LinkedHashMap<>();
        for (boolean sandboxed : new boolean[] {false, true}) {
            ReplSpec spec = spec(sandboxed);
            assertThat(spec.sandbox().enabled()).isEqualTo(sandboxed);
            // max uses 1: every proof gets a fresh REPL, the attacked one is retired (killed) after it
            try (ProofVerifier verifier = new ProofVerifier(new ReplPool(new PoolConfig(1, 0, 1, List.of()),
                    SimRepls.launcher(spec, sandboxed ? "sandbox-on" : "sandbox-off")), new HeaderSplitter(false),
                    new VerifierLimits(Duration.ofSeconds(20), Duration.ofSeconds(20)), spec.leanVersion(),
                    Ticker.systemTicker())) {
                for (Attack attack : attacks) {
                    VerificationReport report = verifier.verify(ProofJob.of(attack.name(), attack.directives() + "\n"
                            + PROOF));
                    boolean worked = attack.achieved().test(report);
                    String what = (worked ? "SUCCEEDED" : "blocked") + " (" + report.status() + "; "
                            + simNotes(report) + ")";
                    table.computeIfAbsent(attack.name(), k -> new String[2])[sandboxed ? 1 : 0] = what;
                    killTagged();
                    for (Path p : cleanup.subList(1, cleanup.size())) {
                        Files.deleteIfExists(p);
                    }

                    VerificationReport after = verifier.verify(ProofJob.of("after " + attack.name(), PROOF));
                    assertThat(after.status()).as("the proof after " + attack.name() + ": " + after.error())
                            .isEqualTo(ProofStatus.VERIFIED);
                    assertThat(after.replId()).as("a fresh REPL").isNotEqualTo(report.replId());
                    if (sandboxed) {
                        assertThat(worked).as(attack.name() + " in the sandbox: " + what).isFalse();
                    }
                }
            }
        }
        print(table);
        assertThat(table.values().stream().filter(row -> row[0].startsWith("SUCCEEDED")).count())
                .as("without the sandbox the attacks work (the test can tell)").isGreaterThanOrEqualTo(6);
    }

    private ReplSpec spec(boolean sandboxed) {
        SandboxConfig config = SandboxConfig.defaults(sandboxed ? SandboxMode.REQUIRED : SandboxMode.OFF)
                .withLimits(SCRATCH_MB << 20, PROCESS_BOUND, 1L << 30); // the scratch's size stops the fill
        ReplSpec plain = SimRepls.spec(SimulatedReplCommand.defaults().withTimeScale(0));
        // the fake secret is in the environment the verifier gives its REPL processes
        return new ReplSpec(plain.command(), plain.workingDir(), Map.of(SECRET_VAR, secret), plain.headerTimeout(),
                0, 0, plain.memoryCheckInterval(), plain.maxResponseBytes(), plain.stderrTailLines(),
                plain.leanVersion(), true, ReplSpecs.sandbox(config, true));
    }

    private static boolean said(VerificationReport r, String text) {
        return r.messages().stream().anyMatch(m -> m.data().contains(text));
    }

    private static String simNotes(VerificationReport r) {
        String notes = r.messages().stream().map(Message::data).filter(d -> d.startsWith("sim:"))
                .map(d -> d.length() > 110 ? d.substring(0, 110) + "..." : d).collect(Collectors.joining(" | "));
        return notes.isEmpty() ? String.valueOf(r.error()) : notes;
    }

    /** Connections the listener accepts now (those made since the last call). */
    private int acceptAll() {
        int count = 0;
        while (true) {
            try (Socket ignored = listener.accept()) {
                count++;
            } catch (IOException timeoutOrClosed) {
                return count;
            }
        }
    }

    /**
     * Whether the daemon is still running 3 s after its REPL was retired (killed): with the
     * sandbox its PID namespace ends with the REPL, and it goes within that time.
     */
    private boolean daemonOutlivesRepl() {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (taggedProcesses().isEmpty()) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }

    private List<Long> taggedProcesses() {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(tag) && !cmdline.contains("sim: spawn-daemon")) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    private void killTagged() {
        for (long pid : taggedProcesses()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void print(Map<String, String[]> table) {
        StringBuilder out = new StringBuilder("\nREPL sandbox attacks (simulated REPL, a test double for Lean):\n");
        out.append(String.format("| %-48s | %-60s | %-60s |%n", "attack", "sandbox off", "sandbox on"));
        out.append(String.format("|%s|%s|%s|%n", "-".repeat(50), "-".repeat(62), "-".repeat(62)));
        table.forEach((name, row) -> out.append(String.format("| %-48s | %-60s | %-60s |%n", name,
                abbreviate(row[0]), abbreviate(row[1]))));
        System.out.println(out);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }
}
