package com.envoyx.invoice.webhooks.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.webhooks.config.WebhookConfig;
import com.envoyx.invoice.webhooks.model.WebhookTarget;

import io.smallrye.mutiny.Uni;

/**
 * Refuses an endpoint URL early, when it is saved: not https, or a host that is (or resolves to)
 * a private address. A name that does not resolve yet is accepted: every delivery resolves and
 * checks again right before it connects, and that check is the one that protects.
 */
@ApplicationScoped
public class WebhookTargets {

    private static final int MAX_URL = 2048;

    private final WebhookConfig config;
    private final OnWorker worker;

    WebhookTargets(WebhookConfig config, OnWorker worker) {
        this.config = config;
        this.worker = worker;
    }

    public Uni<Void> check(String url) {
        if (url.length() > MAX_URL) {
            return Uni.createFrom().failure(ApiException.validation("url is longer than " + MAX_URL + " characters."));
        }
        WebhookTarget.Result parsed = WebhookTarget.parse(url, config.allowPrivateTargets());
        if (parsed.target().isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(parsed.refusal()));
        }
        if (config.allowPrivateTargets()) {
            return Uni.createFrom().voidItem();
        }
        String host = parsed.target().get().host();
        return worker.call(() -> forbiddenAddress(host)).invoke(forbidden -> forbidden.ifPresent(address -> {
            throw ApiException.validation("url must not point at a private, loopback, link-local or reserved address ("
                    + host + " is " + address + ").");
        })).replaceWithVoid();
    }

    private static Optional<String> forbiddenAddress(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).filter(WebhookTarget::forbidden).findFirst()
                    .map(InetAddress::getHostAddress);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
