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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
import com.envoyx.invoice.ops.rest.OpenApiKeyChainResponses;
import com.envoyx.invoice.keychain.rest.RequiresScope;
import com.envoyx.invoice.storage.model.LocalBlob;
import com.envoyx.invoice.upload.model.ReceivedFile;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The invoice API. Thin: parses and checks parameters, calls a service, wraps the result in the
 * envelope. Its OpenAPI annotations declare each operation's own answers; the key chain's
 * refusals and the security scheme are added to every operation by {@link OpenApiKeyChainResponses}.
 */
@Path("/api/v1/invoices")
@Tag(name = "Invoices", description = "Upload invoice PDFs, read what processing extracted and checked, review and delete.")
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
    @Operation(operationId = "uploadInvoice", summary = "Upload an invoice PDF",
            description = "Needs the invoices:write scope and spends one upload of the key's hourly budget. The "
                    + "invoice is then processed in the background; follow it on the WebSocket, by webhooks or by GET.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = InvoiceApiSchemas.UploadForm.class)))
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
            description = "1-255 printable ASCII characters. The same key with the same file within 24 h replays "
                    + "the first answer (header Idempotent-Replayed: true); with another file it is refused 422.",
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "201", description = "INVOICE_UPLOADED: the invoice, status PENDING",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceApiSchemas.InvoiceEnvelope.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: no or two file parts, an empty file, a bad or repeated Idempotency-Key; MALFORMED_REQUEST: a multipart body cut short",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_USE: the first request with this Idempotency-Key is still in flight",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "413", description = "FILE_TOO_LARGE: the file is over 10 MiB",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "415", description = "UNSUPPORTED_FILE_TYPE: not a PDF by its bytes; UNSUPPORTED_MEDIA_TYPE: not multipart/form-data",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used with another file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    public Uni<Response> upload(
            // Hidden: the form is declared once, as UploadForm above; inferred too, it was merged beside the $ref.
            @Schema(hidden = true) @RestForm("file") List<FileUpload> files, HttpHeaders headers,
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
    @Operation(operationId = "listInvoices", summary = "List invoices, newest first",
            description = "Needs invoices:read. An empty parameter counts as absent.")
    @APIResponse(responseCode = "200", description = "INVOICES_FETCHED: one page of invoices",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceApiSchemas.InvoiceListEnvelope.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_ERROR naming the parameter: page, page_size or status_filter out of range or unknown",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    public Uni<Envelope> list(
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000000", defaultValue = "1")) @RestQuery String page,
            @Parameter(description = "Invoices per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "100", defaultValue = "20")) @RestQuery("page_size") String pageSize,
            @Parameter(description = "Only invoices in this status", schema = @Schema(implementation = InvoiceStatus.class))
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
    @Operation(operationId = "getInvoice", summary = "An invoice with what processing extracted and checked",
            description = "Needs invoices:read. extracted (the twelve fields with confidences, line items, the PDF's "
                    + "metadata) and validation appear once processing ended; processed_at is null until then.")
    @APIResponse(responseCode = "200", description = "INVOICE_FETCHED: the invoice",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceApiSchemas.InvoiceEnvelope.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: the id is not a UUID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such invoice in this account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    public Uni<Envelope> get(
            @Parameter(description = "The invoice's id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath String id, @Context ContainerRequestContext request) {
        return invoices.get(CurrentKey.of(request).accountId(), invoiceId(id))
                .map(invoice -> Envelope.ok(200, "INVOICE_FETCHED", "Invoice retrieved successfully",
                        InvoiceView.of(invoice)));
    }

    @GET
    @Path("/{id}/file")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @RequiresScope(Scope.INVOICES_READ)
    @Operation(operationId = "downloadInvoiceFile", summary = "The uploaded PDF, byte for byte",
            description = "Needs invoices:read. Sent as an attachment under its sanitised file name.")
    @APIResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: the id is not a UUID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such invoice in this account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    public Uni<Response> file(
            @Parameter(description = "The invoice's id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath String id, @Context RoutingContext routing, @Context ContainerRequestContext request) {
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
    @Operation(operationId = "deleteInvoice", summary = "Delete an invoice and its file",
            description = "Needs invoices:write. Announced as invoice.deleted.")
    @APIResponse(responseCode = "200", description = "INVOICE_DELETED: the deleted id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceApiSchemas.InvoiceDeletedEnvelope.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: the id is not a UUID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such invoice in this account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    public Uni<Envelope> delete(
            @Parameter(description = "The invoice's id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath String id, @Context ContainerRequestContext request) {
        UUID invoiceId = invoiceId(id);
        return invoices.delete(CurrentKey.of(request).accountId(), invoiceId)
                .replaceWith(Envelope.ok(200, "INVOICE_DELETED", "Invoice deleted successfully",
                        Map.of("id", invoiceId)));
    }

    @PATCH
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.INVOICES_WRITE)
    @Operation(operationId = "changeInvoiceStatus", summary = "Record a review decision",
            description = "Needs invoices:write. APPROVED or REJECTED after PROCESSED or FLAGGED, PAID after PROCESSED "
                    + "or APPROVED, REJECTED after APPROVED. Announced as invoice.approved, invoice.rejected or invoice.paid.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InvoiceApiSchemas.StatusChangeBody.class)))
    @APIResponse(responseCode = "200", description = "INVOICE_STATUS_UPDATED: the invoice",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvoiceApiSchemas.InvoiceEnvelope.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: the id is not a UUID, or status is missing or unknown; MALFORMED_REQUEST: unreadable JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such invoice in this account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "409", description = "INVALID_STATUS_TRANSITION: the decision is not open from the invoice's status; the message names the ones that are",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    @APIResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA_TYPE: the body is not application/json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = OpenApiKeyChainResponses.ERROR_ENVELOPE)))
    public Uni<Envelope> changeStatus(
            @Parameter(description = "The invoice's id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath String id, StatusChange change,
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
