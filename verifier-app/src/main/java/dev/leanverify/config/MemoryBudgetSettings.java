package dev.leanverify.config;

import dev.leanverify.repl.MachineMemory;
import dev.leanverify.repl.MemoryBudgetConfig;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses the instance's REPL memory budget ({@code pool.instance.memory.*}) into a
 * {@link MemoryBudgetConfig}. {@code auto} (the default) takes {@value #AUTO_PERCENT}% of the
 * machine's memory (MemTotal, or the container's limit) minus this JVM's maximum heap: the REPLs
 * live outside the heap, and the rest is left to the system and other processes.
 */
public final class MemoryBudgetSettings {
    public static final Set<String> KEYS = Set.of("pool.instance.memory.budget.mb", "pool.instance.memory.repl.estimate.mb");
    /** Share of the machine's memory the automatic budget gives the REPLs (before the heap is taken off). */
    static final int AUTO_PERCENT = 75;
    /** Default size of a REPL of a header not yet measured. */
    static final long DEFAULT_ESTIMATE_MB = 1024;

    private MemoryBudgetSettings() {
    }

    static MemoryBudgetConfig from(Settings s) {
        return from(s, MachineMemory.system().totalBytes(), Runtime.getRuntime().maxMemory());
    }

    /**
     * @param machineBytes the machine's memory, empty when unknown
     * @param maxHeapBytes this JVM's maximum heap
     * @throws ConfigException for a value that is not auto, off or a number of MB, or a budget that
     *                         does not fit one REPL
     */
    static MemoryBudgetConfig from(Settings s, OptionalLong machineBytes, long maxHeapBytes) {
        long estimate = s.longValue("pool.instance.memory.repl.estimate.mb", DEFAULT_ESTIMATE_MB, 1, 1L << 30) << 20;
        String key = "pool.instance.memory.budget.mb";
        String raw = s.string(key, "auto").strip().toLowerCase(Locale.ROOT);
        long limit;
        String origin;
        switch (raw) {
            case "off", "0" -> {
                return new MemoryBudgetConfig(0, estimate, key + "=" + raw);
            }
            case "auto" -> {
                if (machineBytes.isEmpty()) {
                    return new MemoryBudgetConfig(0, estimate, "auto, but the machine's memory is unknown"
                            + " (no /proc/meminfo); set " + key + " to bound the REPLs' memory");
                }
                limit = machineBytes.getAsLong() * AUTO_PERCENT / 100 - maxHeapBytes;
                origin = String.format("auto: %d%% of the machine's %d MiB minus the JVM's %d MiB max heap",
                        AUTO_PERCENT, machineBytes.getAsLong() >> 20, maxHeapBytes >> 20);
                if (limit < estimate) {
                    throw new ConfigException(String.format("%s is auto, which gives %d MiB here (%s): less than one"
                                    + " REPL (pool.instance.memory.repl.estimate.mb=%d). Set %s to a number of MB, or"
                                    + " off; or lower the JVM's heap (-Xmx)", s.describe(key), limit >> 20, origin,
                            estimate >> 20, key));
                }
            }
            default -> {
                if (!raw.matches("[0-9]+")) {
                    throw new ConfigException(s.describe(key) + " has the value '" + raw
                            + "': expected auto, off (or 0) or a whole number of MB");
                }
                limit = s.longValue(key, 0, 0, 1L << 30) << 20;
                origin = key + "=" + raw;
                if (limit < estimate) {
                    throw new ConfigException(String.format("%s is %d MB, less than one REPL is assumed to take until it"
                                    + " is measured (pool.instance.memory.repl.estimate.mb=%d): no REPL could start."
                                    + " Raise the budget, lower the estimate, or set it to off", s.describe(key),
                            limit >> 20, estimate >> 20));
                }
            }
        }
        return new MemoryBudgetConfig(limit, estimate, origin);
    }
}
