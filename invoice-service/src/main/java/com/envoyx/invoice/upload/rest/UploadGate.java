package com.envoyx.invoice.upload.rest;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.error.ErrorResponses;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.keychain.rest.CurrentKey;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.envoyx.invoice.upload.service.UploadSlots;

import io.vertx.ext.web.RoutingContext;

/**
 * What an upload must pass after the key chain admitted and charged it, and before its body is
 * read (request filters run before RESTEasy Reactive reads a body): a free place among the key's
 * uploads in flight on this replica (else 429 RATE_LIMIT_EXCEEDED, retry after a second). The
 * refusal keeps its general charge and returns its upload charge, like every refused upload. The
 * place is given back when the exchange ends, whether answered or cut off.
 */
class UploadGate {

    /** How long a client refused for too many uploads in flight is told to wait. */
    private static final long RETRY_AFTER_SECONDS = 1;

    private final UploadSlots slots;
    private final ErrorResponses errors;

    UploadGate(UploadSlots slots, ErrorResponses errors) {
        this.slots = slots;
        this.errors = errors;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    Response admit(ContainerRequestContext request, RoutingContext routing) {
        if (!(request.getProperty(RateLimitOutcome.PROPERTY) instanceof RateLimitOutcome outcome)
                || !outcome.upload() || !outcome.allowed()) {
            return null;
        }
        KeyPrincipal principal = CurrentKey.of(request);
        if (!slots.tryAcquire(principal.budgetId())) {
            return errors.toResponse(new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, ErrorCode.RATE_LIMIT_EXCEEDED.message(),
                    Map.of("retry_after", RETRY_AFTER_SECONDS), RETRY_AFTER_SECONDS));
        }
        AtomicBoolean released = new AtomicBoolean();
        routing.addEndHandler(ended -> {
            if (released.compareAndSet(false, true)) {
                slots.release(principal.budgetId());
            }
        });
        return null;
    }
}
