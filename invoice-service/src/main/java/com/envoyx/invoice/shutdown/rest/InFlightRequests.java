package com.envoyx.invoice.shutdown.rest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.invoice.shutdown.config.ShutdownDrainConfig;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The graceful part of shutdown for plain HTTP requests, in place of Quarkus' own
 * ({@code quarkus.shutdown.timeout}, left unset). Quarkus counts every request until its response
 * ends, and Vert.x never ends the response of a WebSocket upgrade, not even when the socket closes
 * (the connection forgets the request once the handshake is written): with Quarkus' wait, a
 * replica that had ever served a socket waited the whole timeout on every stop.
 *
 * <p>Counted here: every request except WebSocket upgrades (their sockets are closed by
 * {@code ws.SocketRegistry} when shutdown begins). When shutdown begins, after the sockets were told
 * to go away (that observer has priority 1), this waits until no request is in flight, at most
 * {@code envoyx.shutdown.timeout}; the HTTP server serves meanwhile and stops afterwards.
 */
@ApplicationScoped
class InFlightRequests {

    private static final Logger LOG = Logger.getLogger(InFlightRequests.class);
    /** Before every other route, so each request that reaches a handler is counted. */
    private static final int ORDER = Integer.MIN_VALUE;

    private final ShutdownDrainConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private volatile boolean draining;

    InFlightRequests(ShutdownDrainConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::track);
    }

    void track(RoutingContext request) {
        if (!request.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
            inFlight.incrementAndGet();
            request.addEndHandler(ignored -> finished());
        }
        request.next();
    }

    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        int waiting = inFlight.get();
        if (waiting == 0) {
            idle.complete(null);
            return;
        }
        LOG.infof("Waiting up to %s for %d HTTP request(s) in flight", config.timeout(), waiting);
        try {
            idle.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("All HTTP requests complete");
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("%d HTTP request(s) still in flight after %s; stopping anyway", inFlight.get(), config.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            idle.complete(null);
        }
    }
}
