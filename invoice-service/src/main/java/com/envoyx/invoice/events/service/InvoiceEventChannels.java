package com.envoyx.invoice.events.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where an account's invoice events travel between replicas: one Redis pub/sub channel per
 * account, {@code <prefix>events:invoices:<account_id>}, so a replica only receives the accounts
 * it holds sockets for.
 */
@ApplicationScoped
public class InvoiceEventChannels {

    static final String CHANNEL_PREFIX = "events:invoices:";

    private final String prefix;

    InvoiceEventChannels(@ConfigProperty(name = "envoyx.redis.key-prefix") String keyPrefix) {
        this.prefix = keyPrefix + CHANNEL_PREFIX;
    }

    public String of(UUID accountId) {
        return prefix + accountId;
    }
}
