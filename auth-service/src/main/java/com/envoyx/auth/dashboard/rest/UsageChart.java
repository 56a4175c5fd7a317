package com.envoyx.auth.dashboard.rest;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.envoyx.auth.apikey.service.UsageReport;

/**
 * A bar chart of request buckets, laid out in Java so the page carries plain SVG: no chart
 * library, no script, readable by the CSP and by screen readers through the data table beside it.
 */
public record UsageChart(String id, String title, long total, long max, List<Bar> bars, String firstLabel,
        String lastLabel) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 200;
    static final int PLOT_LEFT = 48;
    static final int PLOT_TOP = 12;
    static final int PLOT_BOTTOM = 172;
    private static final double GAP = 0.2;

    static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d HH:00").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d").withZone(ZoneOffset.UTC);

    /** One bucket: its rectangle in the viewBox and what it stands for. */
    public record Bar(String x, String y, String width, String height, String label, long requests) {
    }

    static UsageChart of(String id, String title, List<UsageReport.Bucket> buckets, DateTimeFormatter labels) {
        long max = buckets.stream().mapToLong(UsageReport.Bucket::requests).max().orElse(0);
        long total = buckets.stream().mapToLong(UsageReport.Bucket::requests).sum();
        double slot = (double) (WIDTH - PLOT_LEFT) / Math.max(1, buckets.size());
        double plotHeight = PLOT_BOTTOM - PLOT_TOP;
        List<Bar> bars = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            UsageReport.Bucket bucket = buckets.get(i);
            double height = max == 0 ? 0 : plotHeight * bucket.requests() / max;
            bars.add(new Bar(number(PLOT_LEFT + i * slot + slot * GAP / 2), number(PLOT_BOTTOM - height),
                    number(slot * (1 - GAP)), number(height), labels.format(bucket.start()) + " UTC",
                    bucket.requests()));
        }
        return new UsageChart(id, title, total, max, bars,
                bars.isEmpty() ? "" : bars.get(0).label(), bars.isEmpty() ? "" : bars.get(bars.size() - 1).label());
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int plotLeft() {
        return PLOT_LEFT;
    }

    public int plotTop() {
        return PLOT_TOP;
    }

    public int plotBottom() {
        return PLOT_BOTTOM;
    }

    /** "request" or "requests", to follow the total. */
    public String unit() {
        return total == 1 ? "request" : "requests";
    }

    /** Where the y-axis labels end: just left of the axis. */
    public int tickX() {
        return PLOT_LEFT - 6;
    }

    public int maxTickY() {
        return PLOT_TOP + 10;
    }

    /** Baseline of the time labels under the bars. */
    public int labelY() {
        return HEIGHT - 6;
    }

    private static String number(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
