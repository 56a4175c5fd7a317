package com.envoyx.auth.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link AuthTestProfile} with the account rules as deployed: verification required, sign-ups
 * throttled at the default budget per client address, sessions that idle out after 30 minutes,
 * and, as behind an ingress, forwarded client addresses trusted, so each test signs up from
 * addresses of its own ({@link Accounts#freshClientAddress()}). Password hashing has its deployed
 * cost (so the timing of registration means something) and a tight bound (2 at once, 2 waiting),
 * so a burst shows the 503.
 */
public class AccountMailProfile extends AuthTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.remove("envoyx.email-verification");
        config.remove("envoyx.signup.max-per-address");
        config.remove("envoyx.session.idle-timeout");
        config.remove("envoyx.login.argon2-memory-kib");
        config.remove("envoyx.login.argon2-iterations");
        config.put("envoyx.dashboard-url", "http://dashboard.test");
        config.put("envoyx.login.argon2-max-concurrent", "2");
        config.put("envoyx.login.argon2-max-queued", "2");
        config.put("envoyx.login.max-attempts-per-address", "1000");
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        return config;
    }
}
