package com.envoyx.auth.invoice.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import com.envoyx.auth.account.rest.CurrentUser;
import com.envoyx.auth.account.rest.SessionRequired;
import com.envoyx.auth.invoice.service.DashboardInvoices;
import com.envoyx.auth.webhook.model.InvoiceDocument;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * What the Invoices page changes or downloads, for the signed-in session (a change also needs the
 * session's CSRF token, checked by the session filter): a review decision, forwarded to
 * invoice-service's {@code PATCH /api/v1/invoices/{id}/status}, and the document. invoice-service's
 * status and envelope (or the PDF) come back unchanged. Ids are UUIDs (else 404 here).
 */
@Path("/api/v1/dashboard/invoices")
@SessionRequired
public class InvoiceProxyResource {

    private final DashboardInvoices invoices;
    private final CurrentUser currentUser;

    InvoiceProxyResource(DashboardInvoices invoices, CurrentUser currentUser) {
        this.invoices = invoices;
        this.currentUser = currentUser;
    }

    @PATCH
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<String>> changeStatus(@PathParam("id") UUID id, JsonNode body) {
        return invoices.changeStatus(currentUser.get(), id, body == null ? null : body.toString())
                .map(answer -> RestResponse.ResponseBuilder.<String>create(answer.status()).entity(answer.body())
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .header("Cache-Control", "no-store")
                        .build());
    }

    /**
     * The PDF as an attachment (so the browser saves it instead of rendering a customer's document
     * here). A plain {@code Response}, whose byte[] entity is written by the writer found for its
     * runtime class: typed as {@code RestResponse<byte[]>}, the browser received 11 bytes, not the PDF.
     */
    @GET
    @Path("/{id}/file")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Uni<Response> file(@PathParam("id") UUID id) {
        return invoices.document(currentUser.get(), id).map(InvoiceProxyResource::relay);
    }

    private static Response relay(InvoiceDocument document) {
        Response.ResponseBuilder response = Response.status(document.status())
                .entity(document.body())
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
        if (document.status() == 200) {
            response.type("application/pdf");
            if (document.contentDisposition() != null) {
                response.header("Content-Disposition", document.contentDisposition());
            }
        } else {
            response.type(MediaType.APPLICATION_JSON_TYPE);
        }
        return response.build();
    }
}
