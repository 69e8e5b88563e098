package dev.leanverify.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything recorded from real Lean that the simulator answers from: REPL transcripts and the
 * Goedel workbook. Each folder given may hold {@code lean-repl-transcripts} and/or
 * {@code goedel-workbook}, or be one of them.
 *
 * @param transcripts recorded REPL sessions
 * @param workbook recorded proof checks
 */
record Recordings(Transcripts transcripts, Workbook workbook) {
    static final String TRANSCRIPTS = "lean-repl-transcripts";
    static final String WORKBOOK = "goedel-workbook";

    Recordings {
        Objects.requireNonNull(transcripts, "transcripts");
        Objects.requireNonNull(workbook, "workbook");
    }

    static Recordings none() {
        return new Recordings(Transcripts.none(), Workbook.none());
    }

    /**
     * Reads the recordings under {@code dirs}.
     *
     * @throws IOException if a folder is missing, holds neither kind of recording, or cannot be read
     */
    static Recordings load(List<Path> dirs, SimJson json) throws IOException {
        List<Path> transcriptRoots = new ArrayList<>();
        List<Path> workbookRoots = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("recordings folder " + dir + " does not exist");
            }
            boolean found = false;
            if (Files.isDirectory(dir.resolve(TRANSCRIPTS))) {
                transcriptRoots.add(dir.resolve(TRANSCRIPTS));
                found = true;
            }
            if (Files.isDirectory(dir.resolve(WORKBOOK))) {
                workbookRoots.add(dir.resolve(WORKBOOK));
                found = true;
            }
            if (!found && Files.isDirectory(dir.resolve("proofs")) && Files.isDirectory(dir.resolve("recorded"))) {
                workbookRoots.add(dir);
                found = true;
            }
            if (!found && holdsTranscripts(dir)) {
                transcriptRoots.add(dir);
                found = true;
            }
            if (!found) {
                throw new IOException("recordings folder " + dir + " holds neither " + TRANSCRIPTS + " nor "
                        + WORKBOOK + " data");
            }
        }
        return new Recordings(Transcripts.load(transcriptRoots, json), Workbook.load(workbookRoots, json));
    }

    private static boolean holdsTranscripts(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".expected.out"));
        }
    }
}
