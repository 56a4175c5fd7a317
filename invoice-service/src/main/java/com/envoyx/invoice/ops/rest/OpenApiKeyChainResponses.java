package com.envoyx.invoice.ops.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import com.envoyx.contracts.error.ErrorCode;

/**
 * What every operation under {@code /api/v1} shares, declared once here rather than on each method
 * (registered as {@code mp.openapi.filter}): the {@code X-API-Key} security scheme and requirement,
 * the error envelope, and the key chain's refusals, which answer before any route runs. An
 * operation's own answers (its success and its own refusals) are on its method. The events, which
 * OpenAPI cannot describe, are in the document's description.
 */
public class OpenApiKeyChainResponses implements OASFilter {

    static final String SCHEME = "ApiKeyAuth";
    /** The error envelope's schema name, for the refusals an operation declares itself. */
    public static final String ERROR_ENVELOPE = "ErrorEnvelope";

    private static final Map<String, String> KEY_CHAIN = keyChain();

    private static final String DESCRIPTION = """
            The EnvoyX invoice API. Every operation under /api/v1 needs an API key in the X-API-Key \
            header (create one in the dashboard, Settings > API Keys). Every JSON answer is one envelope: \
            {"success", "status", "code", "message", "data"?}; errors carry a stable code (ErrorEnvelope).

            Processing: an uploaded invoice goes PENDING -> PROCESSING -> PROCESSED (every validation \
            check passed) | FLAGGED (a check or a document rule failed) | FAILED (unreadable, with \
            error_message), then a review decision: APPROVED | REJECTED | PAID. The extracted and \
            validated stages happen inside PROCESSING and are events, not statuses.

            WebSocket (GET /api/v1/ws, upgraded; key in X-API-Key, ?api_key= or a single-use \
            ?ticket= from POST /api/v1/ws/ticket): the text "ping" is answered {"event":"pong"}; events \
            arrive as {"event": "<type>", "data": {"id", "status", "timestamp", ...}}: invoice.uploaded, \
            invoice.processing, invoice.extracted (data.fields: the twelve {value, confidence}; \
            data.line_items), invoice.validated (data.validation: [{check, passed, message}]), \
            invoice.processed, invoice.flagged (data.error_message, data.flags: the failed checks and \
            rules), invoice.failed (data.error_message), invoice.approved, invoice.rejected, \
            invoice.paid, invoice.deleted. One document's stages arrive in that order.

            Webhooks (/api/v1/webhooks): each delivery is a POST of \
            {"id": "evt_...", "event": "<type>", "created_at": "...", "data": <the invoice as GET \
            /api/v1/invoices/{id} shows it at that change>}, compact JSON that JSON.stringify(JSON.parse(body)) \
            gives back byte for byte, signed as X-EnvoyX-Signature (hex HMAC-SHA256 of the body with the \
            secret) and with the Standard Webhooks headers webhook-id, webhook-timestamp, \
            webhook-signature (v1,<base64>). The same event types as the WebSocket, and webhook.test; \
            retried with the same id until answered 2xx within 5 s.""";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getInfo() != null) {
            openAPI.getInfo().setDescription(DESCRIPTION);
        }
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("An EnvoyX API key (envx_<env>_...), shown once when it is created."));
        components.addSchema(ERROR_ENVELOPE, errorEnvelope());
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/")) {
                item.getOperations().values().forEach(OpenApiKeyChainResponses::behindTheKeyChain);
            }
        });
    }

    private static void behindTheKeyChain(Operation operation) {
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        KEY_CHAIN.forEach((status, description) -> {
            APIResponse existing = responses.getAPIResponse(status);
            if (existing == null) {
                responses.addAPIResponse(status, error(description));
            } else {
                existing.setDescription(existing.getDescription() + "; " + description);
            }
        });
        operation.setResponses(responses);
    }

    private static APIResponse error(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ERROR_ENVELOPE))));
    }

    private static Schema errorEnvelope() {
        List<Object> codes = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(code.name());
        }
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Every refusal: success false, the HTTP status, a stable machine-readable code, a "
                        + "message for people; data only where the refusal carries values (RATE_LIMIT_EXCEEDED: "
                        + "retry_after, whole seconds, equal to the Retry-After header).")
                .required(List.of("success", "status", "code", "message"))
                // Always false here; said in words, not as a one-value enum, which generated clients turn
                // into an enum type where a boolean belongs.
                .addProperty("success", OASFactory.createSchema().type(List.of(Schema.SchemaType.BOOLEAN))
                        .description("Always false on a refusal."))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
                .addProperty("code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).enumeration(codes))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("data", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                        .addProperty("retry_after", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                                .minimum(BigDecimal.ONE)));
    }

    private static Map<String, String> keyChain() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("401", "MISSING_API_KEY: no X-API-Key header, or an empty one");
        refusals.put("403", "INVALID_API_KEY: the key is malformed, unknown, revoked or expired; INSUFFICIENT_SCOPE: "
                + "the key lacks the scope this operation needs");
        refusals.put("429", "RATE_LIMIT_EXCEEDED: the key's budget is spent (data.retry_after = the Retry-After header)");
        refusals.put("503", "SERVICE_UNAVAILABLE: a dependency is unreachable; retry after Retry-After");
        refusals.put("500", "INTERNAL_ERROR: an unexpected failure (details only in the service's log)");
        return refusals;
    }
}
