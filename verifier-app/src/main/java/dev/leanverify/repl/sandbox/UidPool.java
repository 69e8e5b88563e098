package dev.leanverify.repl.sandbox;

import java.util.BitSet;

/**
 * Hands each live REPL of a verifier running as root its own unprivileged uid, so that the
 * process bound (RLIMIT_NPROC, counted per uid) applies to one REPL and REPLs cannot signal each
 * other. The block of uids depends on this JVM's pid so that verifiers on one host rarely share.
 * Thread-safe.
 */
final class UidPool {
    static final int BLOCK = 256;
    private final long first;
    private final BitSet used = new BitSet(BLOCK);

    UidPool(long base, long jvmPid) {
        this.first = base + (jvmPid % 4096) * BLOCK;
    }

    /** A free uid; when all of the block are taken (more than 256 live REPLs) one is shared. */
    synchronized long acquire() {
        int slot = used.nextClearBit(0);
        if (slot >= BLOCK) {
            return first + BLOCK - 1;
        }
        used.set(slot);
        return first + slot;
    }

    synchronized void release(long uid) {
        long slot = uid - first;
        if (slot >= 0 && slot < BLOCK) {
            used.clear((int) slot);
        }
    }
}
