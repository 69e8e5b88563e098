package dev.leanverify.repl;

import java.util.Objects;

/** A REPL process with an import header loaded: bodies of that header run in {@code headerEnv}. */
public final class ReplSession {
    private final ReplProcess process;
    private final String headerDigest;
    private final int headerEnv;
    private int uses;
    private long residentBytes;

    ReplSession(ReplProcess process, String headerDigest, int headerEnv) {
        this.process = Objects.requireNonNull(process, "process");
        this.headerDigest = Objects.requireNonNull(headerDigest, "headerDigest");
        this.headerEnv = headerEnv;
    }

    public ReplProcess process() {
        return process;
    }

    public String headerDigest() {
        return headerDigest;
    }

    public int headerEnv() {
        return headerEnv;
    }

    public int uses() {
        return uses;
    }

    void used() {
        uses++;
    }

    long residentBytes() {
        return residentBytes;
    }

    void measured(long bytes) {
        residentBytes = bytes;
    }

    void close() {
        process.close();
    }
}
