package com.envoyx.auth.dashboard.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.apikey.model.ApiKeyStatus;
import com.envoyx.auth.apikey.rest.ApiKeyView;
import com.envoyx.auth.apikey.service.UsageReport.Bucket;

class UsageChartTest {

    private static final Instant NOW = Instant.parse("2026-11-26T20:00:00Z");

    @Test
    void theBusiestBucketFillsThePlotAndEmptyOnesHaveNoHeight() {
        List<Bucket> buckets = List.of(new Bucket(NOW.minusSeconds(7200), 0), new Bucket(NOW.minusSeconds(3600), 4),
                new Bucket(NOW, 2));
        UsageChart chart = UsageChart.of("hourly", "Requests per hour", buckets, UsageChart.HOUR);

        assertEquals(6, chart.total());
        assertEquals(4, chart.max());
        assertEquals("0.0", chart.bars().get(0).height());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f", (double) (UsageChart.PLOT_BOTTOM - UsageChart.PLOT_TOP)),
                chart.bars().get(1).height());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f", (double) UsageChart.PLOT_TOP),
                chart.bars().get(1).y());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f", (UsageChart.PLOT_BOTTOM - UsageChart.PLOT_TOP) / 2.0),
                chart.bars().get(2).height());
        assertEquals("Nov 26 18:00 UTC", chart.firstLabel());
        assertEquals("Nov 26 20:00 UTC", chart.lastLabel());
    }

    @Test
    void withoutTrafficEveryBarIsFlat() {
        UsageChart chart = UsageChart.of("daily", "Requests per day", List.of(new Bucket(NOW, 0)), UsageChart.DAY);
        assertEquals(0, chart.total());
        assertEquals("0.0", chart.bars().get(0).height());
    }

    @Test
    void keysUnusedForThirtyDaysAreCandidatesForDeletion() {
        assertNull(row(NOW.minus(Duration.ofDays(29)), null).deletionHint());
        assertEquals("Never used in 30 days", row(NOW.minus(Duration.ofDays(31)), null).deletionHint());
        assertNull(row(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(29))).deletionHint());
        assertEquals("Unused for 30 days", row(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(31))).deletionHint());
    }

    private static KeyRow row(Instant created, Instant lastUsed) {
        return KeyRow.of(new ApiKeyView(UUID.randomUUID(), "Old Server", "envx_live_…abcd", "production",
                List.of("invoices:read"), ApiKeyStatus.ACTIVE, created, null, lastUsed, UUID.randomUUID(),
                new ApiKeyView.Limits(null, null, null), null, null), NOW);
    }
}
