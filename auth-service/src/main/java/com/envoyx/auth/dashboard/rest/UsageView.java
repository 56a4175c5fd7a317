package com.envoyx.auth.dashboard.rest;

import com.envoyx.auth.apikey.service.UsageReport;

/** The usage section of a key's page; the charts are absent when ratelimit-service could not answer. */
public record UsageView(boolean available, String lastUsed, String lastUsedIso, UsageChart hourly,
        UsageChart daily) {

    static UsageView of(UsageReport report) {
        String lastUsed = Times.minute(report.lastUsedAt(), "Never");
        if (!report.usageAvailable()) {
            return new UsageView(false, lastUsed, Times.iso(report.lastUsedAt()), null, null);
        }
        return new UsageView(true, lastUsed, Times.iso(report.lastUsedAt()),
                UsageChart.of("hourly", "Requests per hour, last 24 hours", report.hourly(), UsageChart.HOUR),
                UsageChart.of("daily", "Requests per day, last 30 days", report.daily(), UsageChart.DAY));
    }
}
