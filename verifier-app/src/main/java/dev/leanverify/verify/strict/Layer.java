package dev.leanverify.verify.strict;

import java.util.Locale;

/** The strict layer that refused a proof, in the order they are applied. */
public enum Layer {
    /** A declaration depends on an axiom outside the allowed set, or Lean's answer could not be read. */
    AXIOMS,
    /** The proved theorem is not the reference statement. */
    STATEMENT,
    /** The body uses a forbidden command. */
    FINDING,
    /** The kernel replay tool refused the assembled file. */
    REPLAY;

    /** The name on the wire (lower case). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
