package dev.leanverify.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configured command line into arguments the way a POSIX shell would for the simple
 * cases users write: whitespace separates, single and double quotes group, backslash escapes.
 * Hand-written because no shell is involved in starting the REPL (no injection, no globbing).
 */
public final class CommandLineSplitter {
    private CommandLineSplitter() {
    }

    public static List<String> split(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArg = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < commandLine.length()) {
                    current.append(commandLine.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inArg = true;
            } else if (c == '\\' && i + 1 < commandLine.length()) {
                current.append(commandLine.charAt(++i));
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced " + quote + " quote in command: " + commandLine);
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }
}
