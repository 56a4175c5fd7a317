package com.envoyx.auth.account.repository;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.config.AccountConfig;
import com.envoyx.auth.platform.Sha256;
import com.envoyx.auth.platform.WindowCounter;

import io.smallrye.mutiny.Uni;

/**
 * Account mails per recipient address: however often someone asks (resend, password reset, a
 * registration of a taken address), one address gets a bounded number of mails per window, so
 * the service cannot be used to flood someone's inbox.
 */
@ApplicationScoped
public class MailThrottle {

    private final WindowCounter counter;
    private final AccountConfig config;

    MailThrottle(WindowCounter counter, AccountConfig config) {
        this.counter = counter;
        this.config = config;
    }

    /** Counts one mail to the address and answers the seconds to wait when it is over budget, else 0. */
    public Uni<Long> countMail(String recipient) {
        // Hashed so that Redis never holds a list of addresses.
        return counter.count("mail:to:" + Sha256.hex(recipient.trim().toLowerCase(Locale.ROOT)),
                config.accountMailWindow(), config.accountMailMaxPerRecipient());
    }
}
