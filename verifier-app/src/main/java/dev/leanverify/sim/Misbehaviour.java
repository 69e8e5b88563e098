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
}
