package com.envoyx.ratelimit.decision.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.ratelimit.decision.config.LeaseConfig;
import com.envoyx.ratelimit.decision.config.LimitsConfig;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.WindowLimit;
import com.envoyx.ratelimit.token.model.Caller;

/** The limits that apply to a caller: configured defaults, overridden by the key's own claims. */
@ApplicationScoped
public class LimitPolicy {

    private final LimitsConfig config;
    private final LeaseConfig leases;

    LimitPolicy(LimitsConfig config, LeaseConfig leases) {
        this.config = config;
        this.leases = leases;
    }

    public WindowLimit window(Caller caller, LimitName name) {
        return switch (name) {
            case GENERAL_REQUESTS -> window(name,
                    caller.overrides().requestsPerMinute().orElse(config.requestsPerMinute()), config.generalWindow());
            case INVOICE_UPLOADS -> window(name,
                    caller.overrides().uploadsPerHour().orElse(config.uploadsPerHour()), config.uploadWindow());
            case WEBSOCKET_CONNECTIONS -> throw new IllegalArgumentException(name + " is not a rolling limit");
        };
    }

    /** Both rolling limits of a caller, in the order a refund looks for a charge. */
    public List<WindowLimit> rollingWindows(Caller caller) {
        return List.of(window(caller, LimitName.GENERAL_REQUESTS), window(caller, LimitName.INVOICE_UPLOADS));
    }

    /** The largest slice of {@code limit} one Reserve may grant (at least one unit). */
    public long largestSlice(WindowLimit limit) {
        return Math.max(1, (long) Math.floor(limit.max() * config.sliceShare()));
    }

    public Duration sliceValidity() {
        return config.sliceValidity();
    }

    private WindowLimit window(LimitName name, long max, Duration window) {
        return new WindowLimit(name, max, window, window.dividedBy(config.bucketsPerWindow()), max > config.exactLogMax());
    }

    public long concurrency(Caller caller, LimitName name) {
        if (name != LimitName.WEBSOCKET_CONNECTIONS) {
            throw new IllegalArgumentException(name + " is not a concurrency limit");
        }
        return caller.overrides().websocketConnections().orElse(config.websocketConnections());
    }

    public Duration leaseTtl() {
        return leases.ttl();
    }

    public int maxCost() {
        return config.maxCost();
    }
}
