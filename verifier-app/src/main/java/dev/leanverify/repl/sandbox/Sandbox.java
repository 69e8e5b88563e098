package dev.leanverify.repl.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Wraps a REPL command line in a bubblewrap sandbox: its own network (loopback only), PID, IPC and
 * UTS namespaces; a read-only view of the system libraries, the toolchain, the Lean project and
 * the paths the command names, and nothing else of the host (not the verifier's working
 * directory, state, configuration or home); a private size-limited {@code /tmp} that is also
 * {@code HOME}; a cleared environment; an unprivileged user; limits on processes, file size and
 * core dumps. The whole sandbox dies with bwrap, which the verifier's process-group kill reaches.
 * A disabled sandbox passes the command through unchanged. Thread-safe.
 */
public final class Sandbox {
    /** Host variables a Lean toolchain may need; every other variable of the verifier stays outside. */
    static final List<String> PASSED_VARIABLES = List.of("PATH", "LANG", "LC_ALL", "ELAN_HOME", "ELAN_TOOLCHAIN",
            "LEAN_PATH", "LEAN_SYSROOT", "LEAN_SRC_PATH", "LAKE_HOME");
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32", "/opt/elan");
    private static final List<String> SYSTEM_FILES = List.of("/etc/ld.so.cache", "/etc/ld.so.conf",
            "/etc/ld.so.conf.d", "/etc/localtime");
    static final String SCRATCH = "/tmp";

    private final SandboxConfig config;
    private final String bwrap;
    private final String version;
    private final String disabledReason;
    private final boolean bindWorkingDir;
    private final Map<String, String> hostEnvironment;
    private final Helpers helpers;
    private final UidPool uids;

    private Sandbox(SandboxConfig config, String bwrap, String version, String disabledReason, boolean bindWorkingDir,
                    Map<String, String> hostEnvironment, Helpers helpers, UidPool uids) {
        this.config = config;
        this.bwrap = bwrap;
        this.version = version;
        this.disabledReason = disabledReason;
        this.bindWorkingDir = bindWorkingDir;
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.helpers = helpers;
        this.uids = uids;
    }

    /** No sandbox at all ({@code lean.sandbox=off}, or tests that do not care). */
    public static Sandbox off() {
        return new Sandbox(SandboxConfig.defaults(SandboxMode.OFF), null, null, "lean.sandbox=off", true, Map.of(),
                null, null);
    }

    /**
     * The sandbox this host can give: checks that bwrap exists and can build the sandbox (it may be
     * installed but refused by a container's seccomp or AppArmor profile).
     *
     * @param bindWorkingDir whether the REPL's working directory (the Lean project) is visible;
     *     the simulated REPL does not need it
     * @throws SandboxUnavailableException in mode required when it does not work, naming the package
     */
    public static Sandbox open(SandboxConfig config, boolean bindWorkingDir) {
        Objects.requireNonNull(config, "config");
        if (config.mode() == SandboxMode.OFF) {
            return off();
        }
        Map<String, String> env = System.getenv();
        Optional<String> problem;
        String binary = locate(config.bwrap(), env.get("PATH"));
        Helpers helpers = Helpers.find(env.get("PATH"));
        String version = null;
        if (binary == null) {
            problem = Optional.of("bubblewrap (bwrap) not found at '" + config.bwrap() + "'");
        } else if (helpers.missing() != null) {
            problem = Optional.of(helpers.missing() + " (util-linux) not found");
        } else {
            version = versionOf(binary);
            problem = probe(binary, config, helpers);
        }
        if (problem.isPresent()) {
            String reason = problem.get();
            if (config.mode() == SandboxMode.REQUIRED) {
                throw new SandboxUnavailableException("lean.sandbox=required but the REPL sandbox does not work: "
                        + reason + "; install the Debian package bubblewrap (apt-get install bubblewrap) and,"
                        + " in a container, allow it namespaces (see README, Security)");
            }
            return new Sandbox(config, null, null, reason, bindWorkingDir, Map.of(), null, null);
        }
        UidPool uids = isRoot() ? new UidPool(config.uidBase(), ProcessHandle.current().pid()) : null;
        return new Sandbox(config, binary, version, null, bindWorkingDir, env, helpers, uids);
    }

    public boolean enabled() {
        return bwrap != null;
    }

    public SandboxConfig config() {
        return config;
    }

    /** Why the sandbox is not in use, when it is not. */
    public Optional<String> disabledReason() {
        return Optional.ofNullable(disabledReason);
    }

    /** One line for the startup log. */
    public String describe() {
        if (!enabled()) {
            return "REPL sandbox: OFF (" + disabledReason + ") - untrusted Lean code runs with the verifier's rights";
        }
        return String.format(java.util.Locale.ROOT, "REPL sandbox: ON (%s; no network, read-only system and toolchain,"
                        + " private /tmp of %d MiB, at most %d processes, files up to %d MiB, no core dumps, %s)",
                version, config.scratchBytes() >> 20, config.maxProcesses(), config.fileSizeBytes() >> 20,
                uids == null ? "the verifier's own uid in a user namespace" : "an unprivileged uid per REPL");
    }

    /** A command line to start, and what to give back once its process is gone. */
    public record Lease(List<String> command, Runnable release) {
        public Lease {
            command = List.copyOf(command);
            Objects.requireNonNull(release, "release");
        }
    }

    /** The command wrapped in the sandbox (or unchanged when it is disabled). */
    public Lease wrap(List<String> command, Path workingDir) {
        if (!enabled()) {
            return new Lease(command, () -> { });
        }
        long uid = uids == null ? -1 : uids.acquire();
        List<String> args = new ArrayList<>(baseArguments(bwrap, config));
        Set<Path> readOnly = new LinkedHashSet<>();
        if (bindWorkingDir && !config.writablePaths().contains(workingDir.toAbsolutePath().normalize())) {
            readOnly.add(workingDir.toAbsolutePath().normalize());
            try {
                readOnly.add(workingDir.toRealPath()); // a linked project: its real place too, for relative links
            } catch (IOException e) {
                // ReplProcess reports a missing working directory
            }
        }
        elanHome(hostEnvironment).ifPresent(readOnly::add);
        for (String arg : command) {
            for (String part : arg.split(":")) {
                if (part.startsWith("/") && part.length() > 1 && Files.exists(Path.of(part))) {
                    readOnly.add(Path.of(part));
                }
            }
        }
        readOnly.addAll(config.readOnlyPaths());
        parentDirectories(args, readOnly, config.writablePaths());
        for (Path path : readOnly) {
            bind(args, "--ro-bind", path);
        }
        for (Path path : config.writablePaths()) {
            bind(args, "--bind", path);
        }
        Path dir = workingDir.toAbsolutePath().normalize();
        boolean visible = readOnly.contains(dir) || config.writablePaths().contains(dir);
        args.addAll(List.of("--chdir", visible ? dir.toString() : SCRATCH));
        args.add("--clearenv");
        for (String name : PASSED_VARIABLES) {
            String value = hostEnvironment.get(name);
            if (value != null) {
                args.addAll(List.of("--setenv", name, value));
            }
        }
        args.addAll(List.of("--setenv", "HOME", SCRATCH, "--setenv", "TMPDIR", SCRATCH, "--setenv", "USER", "lean"));
        args.add("--");
        args.addAll(innerLimits(uid));
        args.addAll(command);
        if (uid < 0) {
            return new Lease(args, () -> { });
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return new Lease(args, () -> {
            if (released.compareAndSet(false, true)) {
                uids.release(uid);
            }
        });
    }

    /** Namespaces, system view, scratch: everything but the paths and the environment of one command. */
    private static List<String> baseArguments(String bwrap, SandboxConfig config) {
        List<String> args = new ArrayList<>(List.of(bwrap, "--die-with-parent", "--unshare-net", "--unshare-pid",
                "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "leanverify-sandbox",
                "--proc", "/proc", "--dev", "/dev"));
        for (String dir : SYSTEM_DIRS) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                try {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
                } catch (IOException e) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                args.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        args.addAll(List.of("--perms", "0755", "--dir", "/etc")); // bwrap would make it 0700 for its binds
        for (String file : SYSTEM_FILES) {
            args.addAll(List.of("--ro-bind-try", file, file));
        }
        args.addAll(List.of("--size", Long.toString(config.scratchBytes()), "--perms", "1777", "--tmpfs", SCRATCH));
        return args;
    }

    private List<String> innerLimits(long uid) {
        List<String> args = new ArrayList<>();
        if (uid >= 0) {
            args.addAll(List.of(helpers.setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        args.addAll(List.of(helpers.prlimit, "--nproc=" + config.maxProcesses(), "--fsize=" + config.fileSizeBytes(),
                "--core=0", "--"));
        return args;
    }

    /**
     * Creates the directories above the bind points as 0755 (bwrap would follow the umask, and a
     * 0700 /etc would hide the JDK's configuration from the unprivileged REPL user).
     */
    private static void parentDirectories(List<String> args, Set<Path> readOnly, List<Path> writable) {
        java.util.TreeSet<Path> parents = new java.util.TreeSet<>();
        for (Path path : Stream.concat(readOnly.stream(), writable.stream()).toList()) {
            for (Path p = path.toAbsolutePath().normalize().getParent(); p != null && p.getParent() != null;
                    p = p.getParent()) {
                parents.add(p);
            }
        }
        for (Path parent : parents) {
            boolean system = SYSTEM_DIRS.stream().anyMatch(d -> parent.startsWith(d));
            if (!system && !parent.equals(Path.of("/etc")) && !Files.isSymbolicLink(parent)) {
                args.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
            }
        }
    }

    private static void bind(List<String> args, String how, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        args.addAll(List.of(how, absolute.toString(), absolute.toString()));
    }

    private static Optional<Path> elanHome(Map<String, String> env) {
        String configured = env.get("ELAN_HOME");
        Path home = configured != null ? Path.of(configured)
                : env.get("HOME") == null ? null : Path.of(env.get("HOME"), ".elan");
        return home != null && Files.isDirectory(home) ? Optional.of(home) : Optional.empty();
    }

    /** Builds a sandbox around {@code true}: bwrap may exist and still be refused namespaces. */
    private static Optional<String> probe(String binary, SandboxConfig config, Helpers helpers) {
        List<String> cmd = new ArrayList<>(baseArguments(binary, config));
        cmd.addAll(List.of("--clearenv", "--"));
        if (isRoot()) {
            cmd.addAll(List.of(helpers.setpriv, "--reuid=" + config.uidBase(), "--regid=" + config.uidBase(),
                    "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        cmd.addAll(List.of(helpers.prlimit, "--nproc=" + config.maxProcesses(), "--core=0", "--", "/bin/sh", "-c",
                "exit 0"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("bwrap did not finish a test run within 20 s");
            }
            if (p.exitValue() != 0) {
                String text = new String(out, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                return Optional.of("bwrap could not build the sandbox (exit " + p.exitValue() + ": " + text + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while testing bwrap");
        }
    }

    private static String versionOf(String binary) {
        try {
            Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readNBytes(256), StandardCharsets.UTF_8).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return text.isEmpty() ? "bubblewrap" : text;
        } catch (IOException e) {
            return "bubblewrap";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bubblewrap";
        }
    }

    static boolean isRoot() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String locate(String name, String pathVar) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p.toAbsolutePath().toString() : null;
        }
        if (pathVar == null) {
            return null;
        }
        for (String dir : pathVar.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        return null;
    }

    /** The util-linux programs that switch the user and set the limits inside the sandbox. */
    private record Helpers(String setpriv, String prlimit) {
        static Helpers find(String pathVar) {
            return new Helpers(locate("setpriv", pathVar), locate("prlimit", pathVar));
        }

        String missing() {
            return setpriv == null ? "setpriv" : prlimit == null ? "prlimit" : null;
        }
    }
}
