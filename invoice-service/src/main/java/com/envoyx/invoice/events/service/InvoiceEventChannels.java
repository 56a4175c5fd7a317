package com.envoyx.invoice.events.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.platform.RedisConfig;

/**
 * Where an account's invoice events travel between replicas: one Redis pub/sub channel per
 * account, {@code <prefix>events:invoices:<account_id>}, so a replica only receives the accounts
 * it holds sockets for.
 */
@ApplicationScoped
public class InvoiceEventChannels {

    static final String CHANNEL_PREFIX = "events:invoices:";

    private final String prefix;

    InvoiceEventChannels(RedisConfig redisConfig) {
        this.prefix = redisConfig.keyPrefix() + CHANNEL_PREFIX;
    }

    public String of(UUID accountId) {
        return prefix + accountId;
    }
}
