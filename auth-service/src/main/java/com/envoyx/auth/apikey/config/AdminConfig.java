package com.envoyx.auth.apikey.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The operator API. */
@ConfigMapping(prefix = "envoyx.admin")
public interface AdminConfig {

    /**
     * Bearer token of the operator API (env ENVOYX_ADMIN_TOKEN). Required in the prod profile (32+
     * random bytes); absent elsewhere, the admin API answers 404.
     */
    Optional<String> token();
}
