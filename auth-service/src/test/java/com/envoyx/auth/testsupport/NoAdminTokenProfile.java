package com.envoyx.auth.testsupport;

import java.util.HashMap;
import java.util.Map;

/** {@link AuthTestProfile} without an operator token: the admin API must not exist. */
public class NoAdminTokenProfile extends AuthTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("envoyx.admin.token", "");
        return config;
    }
}
