package com.envoyx.auth.account.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.config.SignupConfig;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.platform.WindowCounter;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.contracts.net.ClientNetwork;

import io.smallrye.mutiny.Uni;

/**
 * Sign-ups per client address and across the service, counted before any work is done, so a
 * flood of registrations neither creates accounts without end nor costs a password hash each.
 */
@ApplicationScoped
public class SignupThrottle {

    private final WindowCounter counter;
    private final SignupConfig config;

    SignupThrottle(WindowCounter counter, SignupConfig config) {
        this.counter = counter;
        this.config = config;
    }

    /** Fails with 429 RATE_LIMIT_EXCEEDED when the address or the whole service is over its budget. */
    public Uni<Void> countSignup(String address) {
        return Uni.combine().all()
                .unis(counter.count(addressKey(address), config.window(), config.maxPerAddress()),
                        counter.count("signup:all", config.window(), config.maxGlobal()))
                .with((byAddress, overall) -> {
                    long retryAfter = Math.max(byAddress, overall);
                    if (retryAfter > 0) {
                        throw ApiException.retryLater(ErrorCode.RATE_LIMIT_EXCEEDED, retryAfter);
                    }
                    return null;
                });
    }

    /** IPv6 clients per /64, as logins: one subscriber holds the whole network. */
    private static String addressKey(String address) {
        return "signup:addr:" + ClientNetwork.bucketOf(address, ClientNetwork.IPV6_SUBSCRIBER_PREFIX);
    }
}
