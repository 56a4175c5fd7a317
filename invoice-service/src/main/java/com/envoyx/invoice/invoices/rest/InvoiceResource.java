package com.envoyx.invoice.invoices.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.invoice.invoices.model.InvoiceView;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.invoices.service.InvoiceService;
import com.envoyx.invoice.invoices.service.InvoiceUploadService;
import com.envoyx.invoice.keychain.rest.CurrentKey;
import com.envoyx.invoice.keychain.rest.RequiresScope;
import com.envoyx.invoice.storage.model.LocalBlob;
import com.envoyx.invoice.upload.model.ReceivedFile;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** The invoice API. Thin: parses and checks parameters, calls a service, wraps the result in the envelope. */
@Path("/api/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_PAGE_SIZE = 100;
    /**
     * The last page a list may ask for: with any page size its offset, (page - 1) x page_size,
     * stays far inside an int (a larger page once overflowed into a negative offset and a 500).
     * 1,000,000 pages reach further than any account's invoices; deep pages are slow anyway.
     */
    static final int MAX_PAGE = 1_000_000;

    private final InvoiceService invoices;
    private final InvoiceUploadService uploads;
    private final UploadResponses responses;

    InvoiceResource(InvoiceService invoices, InvoiceUploadService uploads, UploadResponses responses) {
        this.invoices = invoices;
        this.uploads = uploads;
        this.responses = responses;
    }

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresScope(value = Scope.INVOICES_WRITE, upload = true)
    public Uni<Response> upload(@RestForm("file") List<FileUpload> files, HttpHeaders headers,
                                   @Context ContainerRequestContext request) {
        return uploads.upload(CurrentKey.of(request), singleFile(files), singleHeader(headers, IDEMPOTENCY_KEY),
                        responses::created)
                .map(result -> {
                    Response.ResponseBuilder response = Response.status(result.response().status())
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(result.response().body());
                    if (result.replayed()) {
                        response.header(REPLAYED, "true");
                    }
                    return response.build();
                });
    }

    @GET
    @RequiresScope(Scope.INVOICES_READ)
    public Uni<Envelope> list(@RestQuery String page, @RestQuery("page_size") String pageSize,
                              @RestQuery("status_filter") String statusFilter,
                              @Context ContainerRequestContext request) {
        int pageNumber = intParam("page", page, 1, 1, MAX_PAGE);
        int size = intParam("page_size", pageSize, 20, 1, MAX_PAGE_SIZE);
        Optional<InvoiceStatus> status = statusFilter == null || statusFilter.isEmpty()
                ? Optional.empty()
                : Optional.of(status(statusFilter, "status_filter"));
        return invoices.list(CurrentKey.of(request).accountId(), status, pageNumber, size)
                .map(result -> Envelope.ok(200, "INVOICES_FETCHED", "Invoices retrieved successfully",
                        new InvoiceListView(result.invoices().stream().map(InvoiceView::of).toList(),
                                result.total(), result.page(), result.pageSize())));
    }

    @GET
    @Path("/{id}")
    @RequiresScope(Scope.INVOICES_READ)
    public Uni<Envelope> get(@RestPath String id, @Context ContainerRequestContext request) {
        return invoices.get(CurrentKey.of(request).accountId(), invoiceId(id))
                .map(invoice -> Envelope.ok(200, "INVOICE_FETCHED", "Invoice retrieved successfully",
                        InvoiceView.of(invoice)));
    }

    @GET
    @Path("/{id}/file")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @RequiresScope(Scope.INVOICES_READ)
    public Uni<Response> file(@RestPath String id, RoutingContext routing, @Context ContainerRequestContext request) {
        return invoices.file(CurrentKey.of(request).accountId(), invoiceId(id))
                .invoke(file -> releaseWhenSent(routing, file.blob()))
                .map(file -> Response.ok(file.blob().path().toFile(), "application/pdf")
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(file.invoice().fileName))
                        .header("X-Content-Type-Options", "nosniff")
                        .build());
    }

    @DELETE
    @Path("/{id}")
    @RequiresScope(Scope.INVOICES_WRITE)
    public Uni<Envelope> delete(@RestPath String id, @Context ContainerRequestContext request) {
        UUID invoiceId = invoiceId(id);
        return invoices.delete(CurrentKey.of(request).accountId(), invoiceId)
                .replaceWith(Envelope.ok(200, "INVOICE_DELETED", "Invoice deleted successfully",
                        Map.of("id", invoiceId)));
    }

    @PATCH
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.INVOICES_WRITE)
    public Uni<Envelope> changeStatus(@RestPath String id, StatusChange change,
                                        @Context ContainerRequestContext request) {
        UUID invoiceId = invoiceId(id);
        if (change == null || change.status() == null) {
            throw ApiException.validation("The body must be {\"status\": \"APPROVED\" | \"REJECTED\" | \"PAID\"}.");
        }
        return invoices.changeStatus(CurrentKey.of(request).accountId(), invoiceId, status(change.status(), "status"))
                .map(invoice -> Envelope.ok(200, "INVOICE_STATUS_UPDATED", "Invoice status updated successfully",
                        InvoiceView.of(invoice)));
    }

    /** After the last byte went out or the client went away; at once if that already happened. */
    private static void releaseWhenSent(RoutingContext routing, LocalBlob blob) {
        if (routing.response().ended() || routing.response().closed()) {
            blob.release().subscribe().with(ignored -> { });
        } else {
            routing.addEndHandler(ignored -> blob.release().subscribe().with(released -> { }));
        }
    }

    /** The one file of the multipart field {@code file}; the upload rules decide about its bytes. */
    private static ReceivedFile singleFile(List<FileUpload> parts) {
        if (parts == null || parts.isEmpty()) {
            throw ApiException.validation("The multipart field 'file' with a PDF is required.");
        }
        if (parts.size() > 1) {
            throw ApiException.validation("Send exactly one file in the multipart field 'file'.");
        }
        FileUpload part = parts.get(0);
        if (part.uploadedFile() == null) {
            // A part whose framing the parser could only half read (found by the upload fuzzer).
            throw ApiException.validation("The multipart field 'file' must carry a file.");
        }
        return new ReceivedFile(part.fileName(), part.uploadedFile(), part.size());
    }

    private static Optional<String> singleHeader(HttpHeaders headers, String name) {
        List<String> values = headers.getRequestHeader(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiException.validation("Send the " + name + " header at most once.");
        }
        return Optional.of(values.get(0));
    }

    private static UUID invoiceId(String raw) {
        if (raw.length() != 36) {
            throw ApiException.validation("The invoice id must be a UUID.");
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("The invoice id must be a UUID.");
        }
    }

    private static InvoiceStatus status(String raw, String field) {
        return InvoiceStatus.fromWireName(raw).orElseThrow(() -> ApiException.validation(
                "Unknown " + field + "; use one of PENDING, PROCESSING, PROCESSED, FLAGGED, FAILED, APPROVED, REJECTED, PAID."));
    }

    private static int intParam(String name, String raw, int fallback, int min, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as an out-of-range number.
        }
        throw ApiException.validation(name + " must be an integer from " + min + " to " + max + ".");
    }
}
