package dev.leanverify.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code import} lines at the start of a command: what a fresh environment must load before
 * anything else, and so what the simulated REPL charges load time and memory for.
 *
 * @param modules the imported modules, in order
 * @param importsOnly whether the command holds nothing but imports, blank lines and comments
 */
record ImportHeader(List<String> modules, boolean importsOnly) {

    ImportHeader {
        modules = List.copyOf(modules);
    }

    /** Reads the leading imports; comments and blank lines may come between them. */
    static ImportHeader of(LeanSource source) {
        List<String> modules = new ArrayList<>();
        String[] lines = source.code().split("\n", -1);
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (!text.startsWith("import ")) {
                return new ImportHeader(modules, false);
            }
            for (String module : text.substring("import ".length()).strip().split("\\s+")) {
                if (!module.isEmpty()) {
                    modules.add(module);
                }
            }
        }
        return new ImportHeader(modules, true);
    }

    boolean isEmpty() {
        return modules.isEmpty();
    }

    /** Headers naming the same modules load the same files: one key for them, whatever the order. */
    String key() {
        return String.join(" ", new TreeSet<>(modules));
    }
}
