package dev.leanverify.repl;

import java.util.Objects;

/** A REPL process with an import header loaded: bodies of that header run in {@code headerEnv}. */
public final class ReplSession {
    private final ReplProcess process;
    private final String headerDigest;
    private final int headerEnv;
    private final MemoryBudget.Charge charge;
    private int uses;
    private long residentBytes;

    ReplSession(ReplProcess process, String headerDigest, int headerEnv, MemoryBudget.Charge charge) {
        this.process = Objects.requireNonNull(process, "process");
        this.headerDigest = Objects.requireNonNull(headerDigest, "headerDigest");
        this.headerEnv = headerEnv;
        this.charge = Objects.requireNonNull(charge, "charge");
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

    /** Its share of the instance's memory budget. */
    MemoryBudget.Charge charge() {
        return charge;
    }

    /** Ends the process and frees its share of the memory budget. */
    void close() {
        try {
            process.close();
        } finally {
            charge.release();
        }
    }
}
