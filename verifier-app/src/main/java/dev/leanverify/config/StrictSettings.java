package dev.leanverify.config;

import dev.leanverify.repl.CommandLineSplitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed settings of strict verification (keys {@code strict.*}): whether requests that do not say
 * are checked strictly, the axioms a proof may depend on, the commands it may not use, and an
 * optional kernel replay command.
 *
 * @param replayCommand       empty: no kernel replay; else the command, the assembled file's path appended
 * @param referenceCacheSize  reference statements kept per thread (0: elaborate the reference for every proof)
 */
public record StrictSettings(boolean defaultStrict, Set<String> allowedAxioms, List<String> forbiddenCommands,
                             List<String> replayCommand, Duration replayTimeout, int referenceCacheSize) {

    public static final String DEFAULT_ALLOWED = "propext, Classical.choice, Quot.sound";
    /** SOUNDNESS.md's list, plus the other notation commands and partial definitions. */
    public static final String DEFAULT_FORBIDDEN = "notation, infix, infixl, infixr, prefix, postfix, macro,"
            + " macro_rules, syntax, elab, elab_rules, instance, set_option debug., open private, run_cmd, run_elab,"
            + " run_meta, #eval, axiom, unsafe, partial, implemented_by, extern";

    public static final Set<String> KEYS = Set.of("strict.default", "strict.allowed.axioms",
            "strict.forbidden.commands", "strict.replay.command", "strict.replay.timeout.seconds",
            "strict.reference.cache.size");

    public StrictSettings {
        allowedAxioms = Set.copyOf(allowedAxioms);
        forbiddenCommands = List.copyOf(forbiddenCommands);
        replayCommand = List.copyOf(replayCommand);
        if (referenceCacheSize < 0) {
            throw new IllegalArgumentException("reference cache size must not be negative");
        }
    }

    /** The defaults: not strict unless asked, standard axioms, SOUNDNESS.md's forbidden commands, no replay. */
    public static StrictSettings defaults() {
        return new StrictSettings(false, list(DEFAULT_ALLOWED), List.copyOf(list(DEFAULT_FORBIDDEN)), List.of(),
                Duration.ofSeconds(300), 256);
    }

    public static StrictSettings from(Settings s) {
        Set<String> allowed = list(s.string("strict.allowed.axioms", DEFAULT_ALLOWED));
        for (String axiom : allowed) {
            if (!axiom.matches("[^\\s\\[\\],]+")) {
                throw new ConfigException(s.describe("strict.allowed.axioms") + ": '" + axiom
                        + "' is not a Lean name");
            }
        }
        List<String> forbidden = List.copyOf(list(s.string("strict.forbidden.commands", DEFAULT_FORBIDDEN)));
        List<String> replay = List.of();
        String line = s.string("strict.replay.command", "");
        if (!line.isBlank()) {
            try {
                replay = CommandLineSplitter.split(line);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(s.describe("strict.replay.command") + ": " + e.getMessage());
            }
        }
        return new StrictSettings(s.bool("strict.default", false), allowed, forbidden, replay,
                Duration.ofSeconds(s.integer("strict.replay.timeout.seconds", 300, 1, 24 * 3600)),
                s.integer("strict.reference.cache.size", 256, 0, 1 << 20));
    }

    private static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** True when a kernel replay command is configured. */
    public boolean replays() {
        return !replayCommand.isEmpty();
    }

    /** Convenience for tests and tools: these settings with strict on by default. */
    public StrictSettings strictByDefault() {
        return new StrictSettings(true, allowedAxioms, forbiddenCommands, replayCommand, replayTimeout,
                referenceCacheSize);
    }

    /** These settings with another reference cache size (0 turns the cache off). */
    public StrictSettings withReferenceCacheSize(int size) {
        return new StrictSettings(defaultStrict, allowedAxioms, forbiddenCommands, replayCommand, replayTimeout, size);
    }

    /** These settings with a replay command. */
    public StrictSettings withReplayCommand(List<String> command) {
        return new StrictSettings(defaultStrict, allowedAxioms, forbiddenCommands, new ArrayList<>(command),
                replayTimeout, referenceCacheSize);
    }
}
