package dev.leanverify.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmark's charts as PNG files (JFreeChart, headless), each subtitled with what produced it. */
final class BenchCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private final BenchReport report;

    BenchCharts(BenchReport report) {
        this.report = report;
    }

    List<Path> writeTo(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        throughput().ifPresent(c -> written.add(save(c, dir.resolve("throughput.png"))));
        headerCache().ifPresent(c -> written.add(save(c, dir.resolve("header-cache.png"))));
        latency().ifPresent(c -> written.add(save(c, dir.resolve("latency.png"))));
        routing().ifPresent(c -> written.add(save(c, dir.resolve("routing.png"))));
        scale().ifPresent(c -> written.add(save(c, dir.resolve("scale.png"))));
        return written;
    }

    private Optional<JFreeChart> throughput() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunFigures r : report.runs()) {
            if (r.name().startsWith("efficiency-") || r.name().startsWith("instances-")) {
                String category = r.threads() + " thread(s) x " + r.instances() + " instance(s)";
                data.addValue(r.proofsPerSecond(), "achieved", category);
                data.addValue(r.proofs() * 1000.0 / r.idealMs(report.options().headerLoadMs()), "ideal", category);
            }
        }
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(labelled(ChartFactory.createBarChart("Throughput vs stream threads (Goedel-shaped work)",
                "stream threads x instances", "proofs per second", data, PlotOrientation.VERTICAL, true, false,
                false)));
    }

    private Optional<JFreeChart> headerCache() {
        Optional<RunFigures> warm = report.run("cache-warm");
        Optional<RunFigures> fresh = report.run("cache-fresh");
        if (warm.isEmpty() || fresh.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(warm.get().wallMs() / 1000, "wall time", "warm REPL reused");
        data.addValue(fresh.get().wallMs() / 1000, "wall time", "fresh REPL per proof");
        return Optional.of(labelled(ChartFactory.createBarChart("Header cache: " + warm.get().proofs() + " proofs",
                "REPL reuse", "wall time (s)", data, PlotOrientation.VERTICAL, false, false, false)));
    }

    private Optional<JFreeChart> latency() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (RunFigures r : report.runs()) {
            if (r.name().startsWith("latency-")) {
                XYSeries cdf = new XYSeries(r.name() + " (p50 " + Math.round(r.endToEnd().p50()) + " ms)");
                double[] v = r.endToEnd().sortedMs();
                for (int i = 0; i < v.length; i++) {
                    cdf.add(v[i], (i + 1) / (double) v.length);
                }
                data.addSeries(cdf);
            }
        }
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(labelled(ChartFactory.createXYLineChart(
                "End-to-end latency under light load (produce to committed result), commit interval "
                        + report.commitIntervalMs() + " ms", "milliseconds", "fraction of proofs", data,
                PlotOrientation.VERTICAL, true, false, false)));
    }

    private Optional<JFreeChart> routing() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunFigures r : report.runs()) {
            if (r.name().startsWith("routing-")) {
                String mode = r.name().equals("routing-affinity") ? "header affinity" : "hash of proof id";
                data.addValue(r.hitRatio(), "header-cache hit ratio", mode);
                data.addValue(r.meanBusy(), "thread busy (mean)", mode);
            }
        }
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(labelled(ChartFactory.createBarChart("Routing: " + report.options().routingHeaders()
                        + " headers, 2 warm REPLs per thread", "routing", "ratio", data, PlotOrientation.VERTICAL, true,
                false, false)));
    }

    /** Efficiency against slots, cold and warm, beside Kimina's published per-CPU scaling. */
    private Optional<JFreeChart> scale() {
        List<RunFigures> runs = report.scaleRuns();
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        XYSeries warm = new XYSeries("one instance, warm (2nd run)");
        XYSeries cold = new XYSeries("one instance, cold (1st run)");
        XYSeries multiWarm = new XYSeries("several instances, warm");
        XYSeries multiCold = new XYSeries("several instances, cold");
        for (RunFigures r : runs) {
            boolean isCold = r.name().endsWith("-cold");
            XYSeries series = r.instances() == 1 ? (isCold ? cold : warm) : (isCold ? multiCold : multiWarm);
            series.add(r.threads() * r.instances(), report.efficiency(r));
        }
        XYSeries kimina = new XYSeries("Kimina Lean Server (published, real Lean): per-CPU rate vs its 8-CPU run");
        kimina.add(8, 1.0);
        kimina.add(60, BenchReport.kiminaEfficiencyAt60());
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : List.of(warm, cold, multiWarm, multiCold, kimina)) {
            if (s.getItemCount() > 0) {
                data.addSeries(s);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Scale: achieved / ideal throughput vs Lean slots"
                        + " (SIMULATED REPL, waiting proofs)", "Lean slots (Kimina: CPUs)", "achieved / ideal",
                data, PlotOrientation.VERTICAL, true, false, false);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(renderer);
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, 1.05);
        return Optional.of(labelled(chart));
    }

    private JFreeChart labelled(JFreeChart chart) {
        chart.addSubtitle(new TextTitle(report.label()));
        return chart;
    }

    private static Path save(JFreeChart chart, Path file) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write chart " + file, e);
        }
    }
}
