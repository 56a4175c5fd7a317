package com.envoyx.invoice.keychain.rest;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.error.ErrorResponses;
import com.envoyx.invoice.keychain.service.KeyChain;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The part of the key chain that needs no route and no network call, as a Vert.x route in front
 * of RESTEasy: the seed's 401 and 403 for a missing or malformed key (so they win over any 404,
 * 405 or 415 the router would give), and the 429 of a key this replica knows is over its general
 * limit. A client flooding a key far over its limit is answered here from pre-rendered bytes,
 * without the REST layer's per-request work (request scope, filters, serialisation): the point
 * of issue 14's flood scenario. Everything else goes on to {@link ApiKeyFilter} with the parsed
 * key. WebSocket upgrades are left to the upgrade's own gate, which also reads the key from the
 * query string. On the dashboard's routes only ({@link #isDashboardRoute}: the webhooks API, and
 * what the Invoices page reads and decides), a request with no {@code X-API-Key} but an
 * {@code Authorization: Bearer} token goes on as a dashboard session (auth-service's dashboard
 * calling on a signed-in account's behalf), for {@link ApiKeyFilter} to verify; anywhere else a
 * bearer token counts for nothing and the missing key is refused as before.
 */
@ApplicationScoped
class KeyGate {

    static final String HEADER = "X-API-Key";
    static final String PARSED_KEY = KeyGate.class.getName() + ".key";
    static final String DASHBOARD_TOKEN = KeyGate.class.getName() + ".dashboard";
    private static final String API_PREFIX = "/api/v1";
    private static final String WEBHOOKS_PREFIX = API_PREFIX + "/webhooks";
    private static final String INVOICES = API_PREFIX + "/invoices";
    /** /api/v1/invoices/{uuid}, then nothing, /file or /status: the id's exact shape, so no other route matches. */
    private static final Pattern INVOICE_ROUTE = Pattern.compile(
            Pattern.quote(INVOICES) + "/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(/file|/status)?");
    private static final String BEARER = "Bearer ";
    private static final String UPGRADE_PATH = API_PREFIX + "/ws";
    /** After InFlightRequests (which counts every request), before the upgrade gate and RESTEasy. */
    private static final int ORDER = -20;

    private final KeyChain chain;
    private final ErrorResponses errors;
    private final Clock clock;

    KeyGate(KeyChain chain, ErrorResponses errors, Clock clock) {
        this.chain = chain;
        this.errors = errors;
        this.clock = clock;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::screen);
    }

    /** The path as RESTEasy matches it (normalised), so no spelling of an API path gets past. */
    static boolean isApi(String path) {
        return path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/");
    }

    /**
     * The routes a dashboard token may call: the webhooks API, and of the invoices API only what
     * the dashboard's Invoices page needs (list, one invoice, its file, a review decision). Upload
     * and delete, the WebSocket and its tickets, and everything else stay key-only.
     */
    static boolean isDashboardRoute(HttpMethod method, String path) {
        if (path.equals(WEBHOOKS_PREFIX) || path.startsWith(WEBHOOKS_PREFIX + "/")) {
            return true;
        }
        if (method == HttpMethod.GET) {
            return path.equals(INVOICES) || (INVOICE_ROUTE.matcher(path).matches() && !path.endsWith("/status"));
        }
        return method == HttpMethod.PATCH && INVOICE_ROUTE.matcher(path).matches() && path.endsWith("/status");
    }

    void screen(RoutingContext request) {
        String path = request.normalizedPath();
        if (!isApi(path) || (path.equals(UPGRADE_PATH) && request.request().headers().contains("Sec-WebSocket-Key"))) {
            request.next();
            return;
        }
        String dashboard = isDashboardRoute(request.request().method(), path) ? dashboardToken(request) : null;
        if (dashboard != null) {
            request.put(DASHBOARD_TOKEN, dashboard);
            request.next();
            return;
        }
        ParsedApiKey key;
        try {
            key = KeyChain.parse(request.request().headers().getAll(HEADER));
        } catch (ApiException e) {
            errors.write(request.response(), e);
            return;
        }
        KeyChain.Admission refused = chain.knownRefusal(key);
        if (refused != null) {
            refused.outcome().writeHeaders(request.response()::putHeader, clock.instant().getEpochSecond());
            errors.write(request.response(), KeyChain.rateLimitExceeded(refused.outcome().deciding().retryAfterSeconds()));
            return;
        }
        request.put(PARSED_KEY, key);
        request.next();
    }

    /** The bearer token of a request without any X-API-Key; a key, when sent, always decides. */
    private static String dashboardToken(RoutingContext request) {
        if (request.request().headers().contains(HEADER)) {
            return null;
        }
        List<String> authorization = request.request().headers().getAll("Authorization");
        if (authorization.size() != 1 || !authorization.get(0).startsWith(BEARER)) {
            return null;
        }
        String token = authorization.get(0).substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
