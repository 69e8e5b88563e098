package dev.leanverify.reliability;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The reliability results table. A JUnit extension that hands each scenario a {@link Table}
 * to record its row in; the table lives in the root context's store (one per test run, no static
 * state), each row is printed as it is recorded, and the whole table is printed once the run ends
 * (when JUnit closes the root store).
 */
public final class ScenarioReport implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ScenarioReport.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Table.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Table.class, k -> new Table(System.out),
                Table.class);
    }

    /**
     * One scenario's outcome.
     *
     * @param submitted   proofs (and bad records) sent
     * @param results     committed results and dead letters read back
     * @param lost        inputs with no committed outcome
     * @param duplicated  committed outcomes beyond the first for an input
     * @param wrongStatus outcomes with another status (or dead-letter reason) than expected
     */
    public record Row(String scenario, int submitted, int results, int lost, int duplicated, int wrongStatus,
                      Duration time, String note) {
        String format() {
            return String.format(Locale.ROOT, "| %-38s | %9d | %7d | %4d | %10d | %12d | %7.1f s | %s", scenario,
                    submitted, results, lost, duplicated, wrongStatus, time.toMillis() / 1000.0, note);
        }
    }

    /** The rows of one test run; printed whole when the run ends. */
    public static final class Table implements AutoCloseable {
        private static final String HEADER = String.format(Locale.ROOT, "| %-38s | %9s | %7s | %4s | %10s | %12s | %9s | %s",
                "scenario", "submitted", "results", "lost", "duplicated", "wrong status", "time", "note");
        private final List<Row> rows = new ArrayList<>();
        private final PrintStream out;

        Table(PrintStream out) {
            this.out = out;
        }

        /** Adds a row and prints it at once (so a run cut short still shows what it did). */
        public synchronized void record(Row row) {
            rows.add(row);
            out.println("reliability row: " + row.format());
            out.flush();
        }

        public synchronized List<Row> rows() {
            return List.copyOf(rows);
        }

        /** The whole table as printed at the end of the run. */
        public synchronized String render() {
            StringBuilder b = new StringBuilder();
            String rule = "-".repeat(HEADER.length() + 20);
            b.append("\nRELIABILITY SCENARIOS (simulated Lean REPL, a test double)\n").append(rule).append('\n')
                    .append(HEADER).append('\n').append(rule).append('\n');
            for (Row r : rows) {
                b.append(r.format()).append('\n');
            }
            b.append(rule).append('\n');
            int lost = rows.stream().mapToInt(Row::lost).sum();
            int duplicated = rows.stream().mapToInt(Row::duplicated).sum();
            int wrong = rows.stream().mapToInt(Row::wrongStatus).sum();
            b.append(String.format(Locale.ROOT, "%d scenario(s): %d submitted, %d lost, %d duplicated, %d wrong status%n",
                    rows.size(), rows.stream().mapToInt(Row::submitted).sum(), lost, duplicated, wrong));
            return b.toString();
        }

        @Override
        public synchronized void close() {
            if (!rows.isEmpty()) {
                out.println(render());
                out.flush();
            }
        }
    }
}
