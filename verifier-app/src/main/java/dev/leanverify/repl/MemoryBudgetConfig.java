package dev.leanverify.repl;

import java.util.Objects;

/**
 * Bounds of one instance's {@link MemoryBudget}.
 *
 * @param limitBytes        resident memory all live REPLs of the instance (busy and idle) may hold
 *                          together; 0 for no budget
 * @param replEstimateBytes what a REPL of a header never measured in this instance is assumed to
 *                          take until its header has loaded and it is measured
 * @param origin            how the limit was chosen, for the start-up log ("auto: 75% of ...")
 */
public record MemoryBudgetConfig(long limitBytes, long replEstimateBytes, String origin) {

    public MemoryBudgetConfig {
        Objects.requireNonNull(origin, "origin");
        if (limitBytes < 0) {
            throw new IllegalArgumentException("the instance memory budget must not be negative, was " + limitBytes);
        }
        if (replEstimateBytes < 1) {
            throw new IllegalArgumentException("the REPL memory estimate must be positive, was " + replEstimateBytes);
        }
        if (limitBytes > 0 && limitBytes < replEstimateBytes) {
            throw new IllegalArgumentException(String.format("the instance memory budget (%d MiB, %s) is below the"
                    + " estimate for one REPL (%d MiB): not even one REPL would fit", limitBytes >> 20, origin,
                    replEstimateBytes >> 20));
        }
    }

    /** No budget: REPLs start whenever a pool needs one (bounded only by the pools' counts). */
    public static MemoryBudgetConfig off() {
        return new MemoryBudgetConfig(0, 1L << 30, "off");
    }

    public boolean enabled() {
        return limitBytes > 0;
    }

    /** One line for the start-up log. */
    public String describe() {
        if (!enabled()) {
            return "REPL memory budget: off (" + origin + ")";
        }
        return String.format("REPL memory budget: %d MiB for all live REPLs of this instance (%s); a REPL of a"
                + " header not yet measured counts as %d MiB", limitBytes >> 20, origin, replEstimateBytes >> 20);
    }
}
