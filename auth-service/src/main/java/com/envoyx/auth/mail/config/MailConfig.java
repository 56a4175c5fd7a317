package com.envoyx.auth.mail.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The delivery of the mail outbox. The SMTP server itself is Quarkus Mailer's (ENVOYX_SMTP_*). */
@ConfigMapping(prefix = "envoyx.mail")
public interface MailConfig {

    /** How often the outbox is looked at for mail that is due (env ENVOYX_MAIL_DISPATCH_INTERVAL); a change also sends its mail right after commit. */
    @WithDefault("2s")
    Duration dispatchInterval();

    /** The longest wait between two tries of one mail while the SMTP server refuses (env ENVOYX_MAIL_RETRY_MAX_BACKOFF). */
    @WithDefault("5m")
    Duration retryMaxBackoff();

    /** How long a mail being sent stays claimed by one replica; if that replica dies it is sent again after this (env ENVOYX_MAIL_SEND_LEASE). */
    @WithDefault("1m")
    Duration sendLease();
}
