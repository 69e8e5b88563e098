package dev.leanverify.repl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Splits Lean source into its import header and body. The header is the leading run of
 * {@code import} lines, together with blank lines and comments among them; it ends at its last
 * import line. Optionally merges every {@code import Mathlib.X} into one {@code import Mathlib}
 * (as the reference server does): more REPL reuse, but more modules loaded, so it is off by default.
 */
public final class HeaderSplitter {
    private final boolean mergeMathlibImports;

    public HeaderSplitter(boolean mergeMathlibImports) {
        this.mergeMathlibImports = mergeMathlibImports;
    }

    public SplitSource split(String code) {
        String[] lines = code.split("\n", -1);
        List<String> imports = new ArrayList<>();
        List<Integer> importLines = new ArrayList<>();
        int headerEnd = 0; // number of lines up to and including the last import
        boolean inBlockComment = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (inBlockComment) {
                if (line.contains("-/")) {
                    inBlockComment = false;
                    if (!line.substring(line.indexOf("-/") + 2).isBlank()) {
                        break;
                    }
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("--")) {
                continue;
            }
            if (line.startsWith("/-") && !line.startsWith("/-!")) {
                int close = line.indexOf("-/", 2);
                if (close < 0) {
                    inBlockComment = true;
                    continue;
                }
                if (line.substring(close + 2).isBlank()) {
                    continue;
                }
                break;
            }
            if (isImport(line)) {
                imports.add(withoutTrailingComment(line));
                importLines.add(i + 1);
                headerEnd = i + 1;
                continue;
            }
            break;
        }
        if (mergeMathlibImports) {
            mergeMathlib(imports, importLines);
        }
        StringBuilder body = new StringBuilder();
        for (int i = headerEnd; i < lines.length; i++) {
            if (i > headerEnd) {
                body.append('\n');
            }
            body.append(lines[i]);
        }
        String headerText = String.join("\n", imports);
        return new SplitSource(headerText, digest(headerText), importLines, headerEnd, body.toString());
    }

    private static boolean isImport(String line) {
        return line.startsWith("import ") || line.startsWith("import\t") || line.startsWith("prelude")
                && (line.length() == 7 || Character.isWhitespace(line.charAt(7)));
    }

    private static String withoutTrailingComment(String line) {
        int comment = line.indexOf("--");
        String code = comment < 0 ? line : line.substring(0, comment);
        return String.join(" ", code.strip().split("\\s+"));
    }

    private static void mergeMathlib(List<String> imports, List<Integer> importLines) {
        int first = -1;
        for (int i = 0; i < imports.size(); i++) {
            String module = imports.get(i).substring("import".length()).strip();
            if (module.equals("Mathlib") || module.startsWith("Mathlib.")) {
                if (first < 0) {
                    first = i;
                    imports.set(i, "import Mathlib");
                } else {
                    imports.remove(i);
                    importLines.remove(i);
                    i--;
                }
            }
        }
    }

    /** A short stable name for a header: the first 16 hex digits of its SHA-256. */
    public static String digest(String headerText) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(headerText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
