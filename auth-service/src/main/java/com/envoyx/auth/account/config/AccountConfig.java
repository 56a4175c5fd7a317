package com.envoyx.auth.account.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Email verification, the tokens sent by mail, and how many account mails one address may get. */
@ConfigMapping(prefix = "envoyx")
public interface AccountConfig {

    /** Whether API keys wait for a verified address (env ENVOYX_EMAIL_VERIFICATION: required or off). */
    @WithDefault("required")
    EmailVerification emailVerification();

    /** Public URL of the dashboard, the base of every link in a mail (env ENVOYX_DASHBOARD_URL). */
    @WithDefault("http://localhost:8081")
    String dashboardUrl();

    /** How long a verification link works (env ENVOYX_VERIFICATION_TOKEN_LIFETIME). */
    @WithDefault("24h")
    Duration verificationTokenLifetime();

    /** How long a password reset link works (env ENVOYX_PASSWORD_RESET_TOKEN_LIFETIME). */
    @WithDefault("1h")
    Duration passwordResetTokenLifetime();

    /** Account mails (verification, reset, "you already have an account") per address per window (env ENVOYX_ACCOUNT_MAIL_MAX_PER_RECIPIENT). */
    @WithDefault("5")
    int accountMailMaxPerRecipient();

    /** The window of {@link #accountMailMaxPerRecipient()} (env ENVOYX_ACCOUNT_MAIL_WINDOW). */
    @WithDefault("1h")
    Duration accountMailWindow();

    enum EmailVerification {
        /** New addresses must be verified before the account may create API keys. */
        REQUIRED,
        /** Every account counts as verified (tests and closed deployments). */
        OFF
    }
}
