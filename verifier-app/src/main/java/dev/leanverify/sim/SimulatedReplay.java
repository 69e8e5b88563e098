package dev.leanverify.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TEST DOUBLE for a kernel replay tool (leanchecker, SafeVerify) for {@code strict.replay.command}:
 * given a Lean file, it exits 1 with a kernel-style message where a real replay would refuse what it
 * can see in the text (declarations added with {@code set_option debug.skipKernelTC true},
 * environment forgery through {@code open private} and {@code modifyEnv}/{@code addDecl}, a
 * {@code -- sim: replay-fail TEXT} directive), and exits 0 otherwise. It cannot re-check proofs.
 */
public final class SimulatedReplay {
    private SimulatedReplay() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SimulatedReplay FILE.lean (a test double for a kernel replay tool)");
            System.exit(2);
        }
        String text;
        try {
            text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("cannot read " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Optional<String> refusal = refusal(text);
        if (refusal.isPresent()) {
            System.out.println(refusal.get());
            System.exit(1);
        }
        System.out.println("simulated kernel replay: no refusal");
    }

    /** Why a real replay would refuse the file, as far as its text shows; empty when it would not. */
    static Optional<String> refusal(String text) {
        ScriptedSource script = ScriptedSource.of(text);
        for (Directive d : script.directives()) {
            if (d.kind() == Directive.Kind.REPLAY_FAIL) {
                return Optional.of(d.argument().isEmpty() ? "(kernel) replay refused (simulated)" : d.argument());
            }
        }
        LeanSource source = script.source();
        for (int at : source.findWord("set_option")) {
            String rest = source.code().substring(at, LeanSource.lineEnd(source.code(), at));
            if (rest.matches("set_option\\s+debug\\.skipKernelTC\\s+true.*")) {
                return Optional.of("(kernel) declarations after line " + source.pos(at).line()
                        + " were added without kernel checking (debug.skipKernelTC); replaying them failed");
            }
        }
        if (!source.findWord("modifyEnv").isEmpty() || !source.findWord("addDecl").isEmpty()) {
            return Optional.of("(kernel) application type mismatch: the environment was modified outside the kernel");
        }
        return Optional.empty();
    }

    /** The command line that runs this stand-in with this JVM's java and class path (the file is appended). */
    public static List<String> commandLine() {
        List<String> cmd = new ArrayList<>();
        cmd.add(SimulatedReplCommand.javaBinary());
        cmd.addAll(SimulatedReplCommand.JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(SimClasspath.expanded());
        cmd.add(SimulatedReplay.class.getName());
        return List.copyOf(cmd);
    }
}
