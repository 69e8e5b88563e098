package dev.leanverify.verify.strict;

import java.util.Locale;

/** How the submission's theorem compares with the reference statement. */
public enum StatementOutcome {
    /** The request carried no statement. */
    NOT_GIVEN,
    /** The elaborated types are the same. */
    MATCHES,
    /** The theorem exists but its elaborated type differs. */
    DIFFERS,
    /** The body does not declare the reference theorem's name. */
    MISSING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
