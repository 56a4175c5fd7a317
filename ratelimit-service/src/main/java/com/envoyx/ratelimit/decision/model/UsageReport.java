package com.envoyx.ratelimit.decision.model;

import java.util.List;

/** The last 24 hours and 30 UTC days of one key, oldest first, zeros included; last use in epoch ms (0 if never). */
public record UsageReport(List<UsageBucket> hourly, List<UsageBucket> daily, long lastUsedAt) {
}
