package com.envoyx.auth.account.repository;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.config.LoginConfig;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.platform.Sha256;
import com.envoyx.auth.platform.WindowCounter;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.contracts.net.ClientNetwork;

import io.smallrye.mutiny.Uni;

/**
 * Login attempts per email and per client address. Every attempt is counted before the password
 * is checked, so a burst of parallel guesses cannot slip past the limit; a successful login
 * clears its email's counter and gives its address's attempt back.
 */
@ApplicationScoped
public class LoginThrottle {

    private final WindowCounter counter;
    private final LoginConfig config;

    LoginThrottle(WindowCounter counter, LoginConfig config) {
        this.counter = counter;
        this.config = config;
    }

    /** Counts one attempt; fails with 429 RATE_LIMIT_EXCEEDED when either counter is over its limit. */
    public Uni<Void> countAttempt(String email, String address) {
        return Uni.combine().all()
                .unis(counter.count(emailKey(email), config.window(), config.maxAttemptsPerEmail()),
                        counter.count(addressKey(address), config.window(), config.maxAttemptsPerAddress()))
                .with((byEmail, byAddress) -> {
                    long retryAfter = Math.max(byEmail, byAddress);
                    if (retryAfter > 0) {
                        throw ApiException.retryLater(ErrorCode.RATE_LIMIT_EXCEEDED, retryAfter);
                    }
                    return null;
                });
    }

    /** After a successful login: the email starts afresh and the address gets its attempt back. */
    public Uni<Void> succeeded(String email, String address) {
        return Uni.combine().all()
                .unis(counter.clear(emailKey(email)), counter.giveBack(addressKey(address)))
                .discardItems();
    }

    private static String emailKey(String email) {
        // Hashed so that Redis never holds a list of the emails people tried.
        return "login:email:" + Sha256.hex(email.trim().toLowerCase(Locale.ROOT));
    }

    /** IPv6 clients per /64: one subscriber holds the whole network and could otherwise change address per attempt. */
    private static String addressKey(String address) {
        return "login:addr:" + ClientNetwork.bucketOf(address, ClientNetwork.IPV6_SUBSCRIBER_PREFIX);
    }
}
