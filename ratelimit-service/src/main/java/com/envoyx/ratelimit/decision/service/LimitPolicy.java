package com.envoyx.ratelimit.decision.service;

import java.time.Duration;

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
            case GENERAL_REQUESTS -> new WindowLimit(name,
                    caller.overrides().requestsPerMinute().orElse(config.requestsPerMinute()), config.generalWindow());
            case INVOICE_UPLOADS -> new WindowLimit(name,
                    caller.overrides().uploadsPerHour().orElse(config.uploadsPerHour()), config.uploadWindow());
            case WEBSOCKET_CONNECTIONS -> throw new IllegalArgumentException(name + " is not a rolling limit");
        };
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
