package com.envoyx.auth.dashboard.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.envoyx.auth.account.config.AccountConfig;
import com.envoyx.auth.account.service.AccountService;
import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.apikey.rest.ApiKeyView;
import com.envoyx.auth.apikey.service.ApiKeyService;
import com.envoyx.auth.apikey.service.LastUsedRecorder;
import com.envoyx.auth.apikey.service.UsageService;
import com.envoyx.auth.audit.service.AuditLog;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.invoice.service.DashboardInvoices;
import com.envoyx.auth.webhook.service.DashboardWebhooks;
import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The web dashboard: server-rendered pages. Every change (log in, create, revoke, rotate, delete,
 * log out, password change and reset, resend) is made by the page's script through the JSON API,
 * which already checks the session's CSRF token; these pages only read, except the verification
 * link, whose token is itself the proof. Pages carry {@code Cache-Control: no-store} so no account data
 * stays in a shared cache or the back-forward history.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    static final String KEYS_PAGE = "/settings/api-keys";
    static final String WEBHOOKS_PAGE = "/settings/webhooks";
    static final String INVOICES_PAGE = "/settings/invoices";
    /** The API's own bound on pages; a larger number is read as the first page. */
    private static final int MAX_PAGE = 1_000_000;
    private static final int AUDIT_PAGE_SIZE = 200;
    /** Mailed tokens are 43 characters; a longer one is not looked up. */
    private static final int MAX_TOKEN = 128;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean registered, boolean verificationRequired);

        static native TemplateInstance verifyEmail(String email);

        static native TemplateInstance resetPassword(String token);

        static native TemplateInstance account(Nav nav);

        static native TemplateInstance signup();

        static native TemplateInstance keys(Nav nav, List<KeyRow> keys);

        static native TemplateInstance usage(Nav nav, KeyRow key, UsageView usage);

        static native TemplateInstance audit(Nav nav, List<AuditRow> events);

        static native TemplateInstance webhooks(Nav nav, List<WebhookRow> endpoints, String unavailable,
                List<String> eventTypes);

        static native TemplateInstance webhook(Nav nav, WebhookRow endpoint, List<DeliveryRow> deliveries);

        static native TemplateInstance invoices(Nav nav, InvoicePage list, String unavailable, List<String> statuses);

        static native TemplateInstance invoice(Nav nav, InvoiceDetail detail);

        static native TemplateInstance notFound(Nav nav);
    }

    private final DashboardSession session;
    private final ApiKeyService keys;
    private final UsageService usage;
    private final LastUsedRecorder lastUsed;
    private final AuditLog audit;
    private final AccountService accounts;
    private final AccountConfig accountConfig;
    private final DashboardWebhooks webhooks;
    private final DashboardInvoices invoices;
    private final ObjectMapper json;
    private final Clock clock;

    DashboardResource(DashboardSession session, ApiKeyService keys, UsageService usage, LastUsedRecorder lastUsed,
            AuditLog audit, AccountService accounts, AccountConfig accountConfig, DashboardWebhooks webhooks,
            DashboardInvoices invoices, ObjectMapper json, Clock clock) {
        this.session = session;
        this.keys = keys;
        this.usage = usage;
        this.lastUsed = lastUsed;
        this.audit = audit;
        this.accounts = accounts;
        this.accountConfig = accountConfig;
        this.webhooks = webhooks;
        this.invoices = invoices;
        this.json = json;
        this.clock = clock;
    }

    @GET
    public Uni<RestResponse<String>> home(@Context HttpHeaders headers, @QueryParam("registered") String registered) {
        return session.resolve(headers).chain(visitor -> visitor.isPresent()
                ? Uni.createFrom().item(redirect(KEYS_PAGE))
                : page(Templates.login(registered != null,
                        accountConfig.emailVerification() == AccountConfig.EmailVerification.REQUIRED)));
    }

    /**
     * The link of the verification mail. A GET that verifies, deliberately: mail clients and
     * people follow links, and following it twice verifies once and shows the same page.
     */
    @GET
    @Path("/verify-email")
    public Uni<RestResponse<String>> verifyEmail(@QueryParam("token") String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            return page(Templates.verifyEmail(null), RestResponse.Status.BAD_REQUEST);
        }
        return accounts.verifyEmail(token)
                .chain(email -> page(Templates.verifyEmail(email)))
                .onFailure(e -> e instanceof ApiException api && api.code() == ErrorCode.VALIDATION_ERROR)
                .recoverWithUni(() -> page(Templates.verifyEmail(null), RestResponse.Status.BAD_REQUEST));
    }

    /** Without a token the form that mails a reset link; with one (the mail's link) the new-password form. */
    @GET
    @Path("/reset-password")
    public Uni<RestResponse<String>> resetPassword(@QueryParam("token") String token) {
        return page(Templates.resetPassword(token == null || token.isBlank() || token.length() > MAX_TOKEN ? null : token));
    }

    @GET
    @Path("/settings/account")
    public Uni<RestResponse<String>> account(@Context HttpHeaders headers) {
        return signedIn(headers, visitor -> page(Templates.account(Nav.of(visitor, "account"))));
    }

    @GET
    @Path("/signup")
    public Uni<RestResponse<String>> signup(@Context HttpHeaders headers) {
        return session.resolve(headers).chain(visitor -> visitor.isPresent()
                ? Uni.createFrom().item(redirect(KEYS_PAGE))
                : page(Templates.signup()));
    }

    @GET
    @Path(KEYS_PAGE)
    public Uni<RestResponse<String>> keys(@Context HttpHeaders headers) {
        return signedIn(headers, visitor -> keys.list(visitor.user()).chain(found -> {
            Instant now = clock.instant();
            List<KeyRow> rows = found.stream().map(key -> row(key, now)).toList();
            return page(Templates.keys(Nav.of(visitor, "keys"), rows));
        }));
    }

    @GET
    @Path(KEYS_PAGE + "/{id}")
    public Uni<RestResponse<String>> usage(@Context HttpHeaders headers, @PathParam("id") String id) {
        return signedIn(headers, visitor -> {
            Nav nav = Nav.of(visitor, "keys");
            Optional<UUID> keyId = parseId(id);
            if (keyId.isEmpty()) {
                return page(Templates.notFound(nav), RestResponse.Status.NOT_FOUND);
            }
            return keys.get(visitor.user(), keyId.get())
                    .chain(key -> usage.of(key).chain(report -> page(
                            Templates.usage(nav, row(key, clock.instant()), UsageView.of(report)), RestResponse.Status.OK)))
                    .onFailure(e -> e instanceof ApiException api && api.code() == ErrorCode.NOT_FOUND)
                    .recoverWithUni(() -> page(Templates.notFound(nav), RestResponse.Status.NOT_FOUND));
        });
    }

    @GET
    @Path("/settings/audit-log")
    public Uni<RestResponse<String>> audit(@Context HttpHeaders headers) {
        return signedIn(headers, visitor -> audit.latest(visitor.user().accountId(), null, AUDIT_PAGE_SIZE)
                .chain(events -> page(Templates.audit(Nav.of(visitor, "audit"),
                        events.stream().map(AuditRow::of).toList()))));
    }

    /** invoice-service owns the endpoints; when it cannot answer, the page says so instead of failing. */
    @GET
    @Path(WEBHOOKS_PAGE)
    public Uni<RestResponse<String>> webhooks(@Context HttpHeaders headers) {
        return signedIn(headers, visitor -> {
            Nav nav = Nav.of(visitor, "webhooks");
            return webhooks.call(visitor.user(), HttpMethod.GET, "", null)
                    .chain(answer -> answer.status() == 200
                            ? page(Templates.webhooks(nav, rows(data(answer.body()), WebhookRow::of), null,
                                    WebhookRow.EVENT_TYPES))
                            : page(Templates.webhooks(nav, List.of(), message(answer.body()), WebhookRow.EVENT_TYPES),
                                    RestResponse.Status.SERVICE_UNAVAILABLE))
                    .onFailure(ApiException.class)
                    .recoverWithUni(e -> page(Templates.webhooks(nav, List.of(), e.getMessage(), WebhookRow.EVENT_TYPES),
                            RestResponse.Status.SERVICE_UNAVAILABLE));
        });
    }

    /** One endpoint and its delivery log, newest attempt first. */
    @GET
    @Path(WEBHOOKS_PAGE + "/{id}")
    public Uni<RestResponse<String>> webhook(@Context HttpHeaders headers, @PathParam("id") String id) {
        return signedIn(headers, visitor -> {
            Nav nav = Nav.of(visitor, "webhooks");
            Optional<UUID> endpointId = parseId(id);
            if (endpointId.isEmpty()) {
                return page(Templates.notFound(nav), RestResponse.Status.NOT_FOUND);
            }
            String path = "/" + endpointId.get();
            return webhooks.call(visitor.user(), HttpMethod.GET, path, null).chain(endpoint -> {
                if (endpoint.status() != 200) {
                    return page(Templates.notFound(nav), RestResponse.Status.NOT_FOUND);
                }
                return webhooks.call(visitor.user(), HttpMethod.GET, path + "/deliveries", null)
                        .chain(log -> page(Templates.webhook(nav, WebhookRow.of(data(endpoint.body())),
                                log.status() == 200 ? rows(data(log.body()), DeliveryRow::of) : List.of())));
            });
        });
    }

    /**
     * The account's invoices, newest first, one page at a time, optionally of one status. The
     * filter and page come from the URL, so a page can be bookmarked and reloaded; an unknown
     * status or a bad page number is read as none and the first page.
     */
    @GET
    @Path(INVOICES_PAGE)
    public Uni<RestResponse<String>> invoices(@Context HttpHeaders headers, @QueryParam("status") String status,
            @QueryParam("page") String page) {
        return signedIn(headers, visitor -> {
            Nav nav = Nav.of(visitor, "invoices");
            String filter = status != null && InvoiceRow.STATUSES.contains(status) ? status : null;
            int number = pageNumber(page);
            String query = "?page=" + number + "&page_size=" + InvoicePage.PAGE_SIZE
                    + (filter == null ? "" : "&status_filter=" + filter);
            return invoices.list(visitor.user(), query)
                    .chain(answer -> answer.status() == 200
                            ? page(Templates.invoices(nav, InvoicePage.of(data(answer.body()), filter, number), null,
                                    InvoiceRow.STATUSES))
                            : page(Templates.invoices(nav, InvoicePage.empty(filter), message(answer.body()),
                                    InvoiceRow.STATUSES), RestResponse.Status.SERVICE_UNAVAILABLE))
                    .onFailure(ApiException.class)
                    .recoverWithUni(e -> page(Templates.invoices(nav, InvoicePage.empty(filter), e.getMessage(),
                            InvoiceRow.STATUSES), RestResponse.Status.SERVICE_UNAVAILABLE));
        });
    }

    /** One invoice with its fields, checks and line items; another account's, unknown or malformed: the 404 page. */
    @GET
    @Path(INVOICES_PAGE + "/{id}")
    public Uni<RestResponse<String>> invoice(@Context HttpHeaders headers, @PathParam("id") String id) {
        return signedIn(headers, visitor -> {
            Nav nav = Nav.of(visitor, "invoices");
            Optional<UUID> invoiceId = parseId(id);
            if (invoiceId.isEmpty()) {
                return page(Templates.notFound(nav), RestResponse.Status.NOT_FOUND);
            }
            return invoices.get(visitor.user(), invoiceId.get()).chain(answer -> answer.status() == 200
                    ? page(Templates.invoice(nav, InvoiceDetail.of(data(answer.body()))))
                    : page(Templates.notFound(nav), RestResponse.Status.NOT_FOUND));
        });
    }

    private static int pageNumber(String raw) {
        try {
            int number = Integer.parseInt(raw);
            return number >= 1 && number <= MAX_PAGE ? number : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private JsonNode data(String envelope) {
        try {
            return json.readTree(envelope).path("data");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "invoice-service gave an answer this page cannot read.");
        }
    }

    private String message(String envelope) {
        try {
            return json.readTree(envelope).path("message").asText("invoice-service cannot answer right now.");
        } catch (JsonProcessingException e) {
            return "invoice-service cannot answer right now.";
        }
    }

    private static <T> List<T> rows(JsonNode array, Function<JsonNode, T> row) {
        List<T> rows = new ArrayList<>();
        array.forEach(item -> rows.add(row.apply(item)));
        return rows;
    }

    private KeyRow row(ApiKey key, Instant now) {
        return KeyRow.of(ApiKeyView.of(key, now, lastUsed.unflushed(key.id)), now);
    }

    private Uni<RestResponse<String>> signedIn(HttpHeaders headers,
            Function<DashboardSession.Visitor, Uni<RestResponse<String>>> render) {
        return session.resolve(headers).chain((Optional<DashboardSession.Visitor> visitor) -> visitor.isPresent()
                ? render.apply(visitor.get())
                : Uni.createFrom().item(redirect("/")));
    }

    private static Uni<RestResponse<String>> page(TemplateInstance template) {
        return page(template, RestResponse.Status.OK);
    }

    private static Uni<RestResponse<String>> page(TemplateInstance template, RestResponse.Status status) {
        return template.createUni().map(html -> RestResponse.ResponseBuilder.create(status, html)
                .type(MediaType.TEXT_HTML_TYPE)
                .header("Cache-Control", "no-store")
                .build());
    }

    /** A malformed id is simply a key that does not exist, as in the API. */
    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RestResponse<String> redirect(String path) {
        return RestResponse.ResponseBuilder.<String>seeOther(URI.create(path))
                .header("Cache-Control", "no-store")
                .build();
    }
}
