package dev.leanverify.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The side effects that {@code -- sim:} directives ask for, as untrusted Lean code could cause
 * them ({@code #eval} runs arbitrary IO): floods of stderr, child processes, files, sockets,
 * memory. Each returns the text of the info message the answer carries, so tests can see what
 * happened. Children and memory stay referenced for the life of the process.
 */
final class Misbehaviour {
    private static final int FLOOD_LINE = 128;
    private final OutputStream stderr;
    private final ResourceHog memory;
    private final List<Process> children = new ArrayList<>();

    Misbehaviour(OutputStream stderr, ResourceHog memory) {
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** Writes {@code megabytes} of text lines to stderr (blocks while nobody reads them, as Lean would). */
    void floodStderr(double megabytes) throws IOException {
        long bytes = (long) (megabytes * (1 << 20));
        byte[] line = ("simulated stderr flood " + "x".repeat(FLOOD_LINE - 25) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < bytes; written += line.length) {
            stderr.write(line, 0, (int) Math.min(line.length, bytes - written));
        }
        stderr.flush();
    }

    String holdMemory(double megabytes) {
        memory.hold(megabytes);
        return String.format(java.util.Locale.ROOT, "sim: holding %.0f MB more (%d MB held in all)", megabytes,
                memory.heldBytes() >> 20);
    }

    /** Starts {@code sleep 600} as a child that outlives the request (its output goes nowhere). */
    String spawnChild() throws IOException {
        Process child = new ProcessBuilder("sleep", "600")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        children.add(child);
        return "sim: spawned child process pid " + child.pid();
    }

    String writeFile(String path) {
        try {
            Path target = Path.of(path);
            Files.writeString(target, "written by the leanverify simulated Lean REPL (test double) at "
                    + Instant.now() + "\n", StandardCharsets.UTF_8);
            return "sim: wrote file " + target.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            return "sim: could not write file " + path + ": " + e;
        }
    }

    /** Tries to connect for at most a second; says whether it could. */
    String openSocket(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return "sim: could not connect to " + hostPort + ": expected host:port";
        }
        try (Socket socket = new Socket()) {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), port), 1000);
            return "sim: connected to " + hostPort;
        } catch (IOException | RuntimeException e) {
            return "sim: could not connect to " + hostPort + ": " + e;
        }
    }

    /** Reads a file (untrusted code looking for the verifier's secrets); reports the first line. */
    String readFile(String path) {
        try {
            String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("");
            return "sim: read file " + path + " (" + text.length() + " chars): "
                    + (first.length() > 200 ? first.substring(0, 200) : first);
        } catch (IOException | RuntimeException e) {
            return "sim: could not read file " + path + ": " + e;
        }
    }

    /** Reads an environment variable (e.g. a credential of the verifier). */
    String readEnv(String name) {
        String value = System.getenv(name);
        return value == null ? "sim: environment variable " + name + " is not set"
                : "sim: environment variable " + name + "=" + value;
    }

    /**
     * Starts a daemon that escapes the REPL's process group and tree: {@code setsid} plus a shell
     * that backgrounds a loop and exits, so the loop is reparented. {@code tag} names it in its
     * command line ({@code sh -c ... TAG}), so a test can look for it on the host.
     */
    String spawnDaemon(String tag) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("setsid", "sh", "-c",
                "sh -c 'while :; do sleep 1; done' " + tag + " </dev/null >/dev/null 2>&1 &")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int status = p.waitFor();
        return "sim: spawned daemon " + tag + " (launcher exit " + status + ")";
    }

    /** Starts up to {@code count} {@code sleep} children; says how many it got before the first refusal. */
    String spawnMany(int count) {
        int started = 0;
        String refusal = "";
        for (int i = 0; i < count; i++) {
            try {
                children.add(new ProcessBuilder("sleep", "120")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start());
                started++;
            } catch (IOException | RuntimeException e) {
                refusal = ": stopped by " + e.getMessage();
                break;
            }
        }
        return "sim: spawned " + started + " of " + count + " processes" + refusal;
    }

    /**
     * Writes up to {@code megabytes} into a file in the temporary directory until refused; says how
     * much it wrote and why it stopped, then deletes the file.
     */
    String fillScratch(double megabytes) {
        long wanted = (long) (megabytes * (1 << 20));
        long written = 0;
        String stop = "";
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "leanverify-sim-fill-" + ProcessHandle.current().pid());
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < wanted) {
                int n = (int) Math.min(block.length, wanted - written);
                out.write(block, 0, n);
                written += n;
            }
        } catch (IOException | RuntimeException e) {
            stop = ", stopped by " + e;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the scratch goes with the sandbox anyway
            }
        }
        return String.format(java.util.Locale.ROOT, "sim: wrote %d MB of %d MB to %s%s", written >> 20, wanted >> 20,
                file, stop);
    }
}
