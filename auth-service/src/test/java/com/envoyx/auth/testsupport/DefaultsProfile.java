package com.envoyx.auth.testsupport;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link AuthTestProfile} with two production defaults back: no operator token (the admin API must
 * not exist), and background jobs that run by themselves, at short intervals so tests can wait.
 */
public class DefaultsProfile extends AuthTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("envoyx.admin.token", "");
        config.put("envoyx.api-keys.last-used-flush-interval", "1s");
        config.put("envoyx.api-keys.lifecycle-scan-interval", "1s");
        return config;
    }
}
