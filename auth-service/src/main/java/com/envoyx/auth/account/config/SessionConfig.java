package com.envoyx.auth.account.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dashboard sessions and their cookie. */
@ConfigMapping(prefix = "envoyx.session")
public interface SessionConfig {

    /** How long a login stays valid (env ENVOYX_SESSION_LIFETIME). */
    @WithDefault("12h")
    Duration lifetime();

    /** How long a session may go unused before it ends, within its lifetime (env ENVOYX_SESSION_IDLE_TIMEOUT). */
    @WithDefault("30m")
    Duration idleTimeout();

    /** Name of the HttpOnly session cookie. */
    @WithDefault("envoyx_session")
    String cookieName();

    /**
     * Whether the cookie is marked Secure (env ENVOYX_SESSION_COOKIE_SECURE). Browsers treat
     * localhost as secure, so only plain-HTTP deployments on other hosts need false.
     */
    @WithDefault("true")
    boolean cookieSecure();
}
