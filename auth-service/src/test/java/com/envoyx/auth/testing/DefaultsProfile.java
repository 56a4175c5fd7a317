package com.envoyx.auth.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link AuthTestProfile} as a deployment runs it: no operator token (the admin API must not
 * exist), background jobs that run by themselves (at short intervals, so tests can wait), and,
 * as behind an ingress, forwarded client addresses trusted.
 */
public class DefaultsProfile extends AuthTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("envoyx.admin.token", "");
        config.put("envoyx.last-used-flush-interval", "1s");
        config.put("envoyx.key-lifecycle-scan-interval", "1s");
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        return config;
    }
}
