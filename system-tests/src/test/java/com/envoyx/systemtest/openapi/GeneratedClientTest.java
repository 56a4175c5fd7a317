package com.envoyx.systemtest.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.invoiceclient.ApiClient;
import com.envoyx.invoiceclient.ApiException;
import com.envoyx.invoiceclient.api.InvoicesApi;
import com.envoyx.invoiceclient.auth.ApiKeyAuth;
import com.envoyx.invoiceclient.model.CheckResult;
import com.envoyx.invoiceclient.model.ErrorEnvelope;
import com.envoyx.invoiceclient.model.ExtractedField;
import com.envoyx.invoiceclient.model.InvoiceDeletedEnvelope;
import com.envoyx.invoiceclient.model.InvoiceEnvelope;
import com.envoyx.invoiceclient.model.InvoiceListEnvelope;
import com.envoyx.invoiceclient.model.InvoiceStatus;
import com.envoyx.invoiceclient.model.InvoiceView;
import com.envoyx.invoiceclient.model.StatusChange;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;

/**
 * Issue 18, "a client anyone can generate", proven: the Java client openapi-generator builds from
 * invoice-service's stored OpenAPI document (system-tests' pom, into target/) drives upload, list,
 * get, status and delete against the launched suite. Only the generated API, model and auth
 * classes talk to the service; every answer is read through the typed models, and refusals arrive
 * as the client's {@link ApiException} whose body is the document's {@code ErrorEnvelope}.
 */
class GeneratedClientTest {

    private static final Duration PROCESSING_WAIT = Duration.ofSeconds(60);
    /** Half a second between reads: a minute of polling stays well inside the key's 100 requests a minute. */
    private static final long POLL_MILLIS = 500;
    private static final Set<InvoiceStatus> UNFINISHED = Set.of(InvoiceStatus.PENDING, InvoiceStatus.PROCESSING);

    @TempDir
    static Path directory;

    private static LaunchedSuite suite;
    private static ApiClient client;
    private static InvoicesApi invoices;

    @BeforeAll
    static void clientWithAFreshKey() throws Exception {
        suite = SharedSuite.get();
        SuiteClient accounts = new SuiteClient(suite);
        String key = accounts.createKey(accounts.newAccountSession(), "Generated client").key();
        client = new ApiClient().setBasePath(suite.url("invoice"));
        // The scheme by the name the document gives it: the generated client puts the key where the document says.
        ((ApiKeyAuth) client.getAuthentication("ApiKeyAuth")).setApiKey(key);
        invoices = new InvoicesApi(client);
    }

    @Test
    void uploadListGetReviewAndDeleteThroughTheGeneratedClient() throws Exception {
        String label = "generated-client";
        byte[] pdf = SamplePdf.invoice(label);
        Path file = Files.write(directory.resolve(label + ".pdf"), pdf);

        InvoiceEnvelope uploaded = invoices.uploadInvoice(file.toFile(), null);
        assertEquals(Boolean.TRUE, uploaded.getSuccess());
        assertEquals(201, uploaded.getStatus().intValue());
        assertEquals(InvoiceEnvelope.CodeEnum.INVOICE_UPLOADED, uploaded.getCode());
        InvoiceView pending = uploaded.getData();
        UUID id = pending.getId();
        assertNotNull(id);
        assertEquals(label + ".pdf", pending.getFileName());
        assertEquals(pdf.length, pending.getFileSize().longValue());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)), pending.getSha256());
        assertEquals(InvoiceStatus.PENDING, pending.getStatus());
        assertNotNull(pending.getUploadedAt());
        assertNull(pending.getProcessedAt());

        InvoiceListEnvelope listed = invoices.listInvoices(1, 20, null);
        assertEquals(InvoiceListEnvelope.CodeEnum.INVOICES_FETCHED, listed.getCode());
        assertEquals("Invoices retrieved successfully", listed.getMessage());
        assertEquals(1L, listed.getData().getTotal().longValue());
        assertEquals(1, listed.getData().getPage().intValue());
        assertEquals(20, listed.getData().getPageSize().intValue());
        assertEquals(List.of(id), listed.getData().getInvoices().stream().map(InvoiceView::getId).toList());

        InvoiceView processed = awaitProcessingEnd(id);
        assertEquals(InvoiceStatus.PROCESSED, processed.getStatus(), "error_message: " + processed.getErrorMessage());
        assertNotNull(processed.getProcessedAt());
        Map<String, ExtractedField> fields = processed.getExtracted().getFields();
        assertEquals(SamplePdf.number(label), fields.get("invoice_number").getValue());
        assertEquals("2026-03-01", fields.get("invoice_date").getValue());
        assertEquals("2026-03-31", fields.get("due_date").getValue());
        assertEquals("100.00", fields.get("subtotal").getValue());
        assertEquals("20.00", fields.get("tax_amount").getValue());
        assertEquals("120.00", fields.get("total_amount").getValue());
        assertTrue(fields.get("total_amount").getConfidence() > 0, fields.toString());
        assertEquals(Boolean.TRUE, processed.getExtracted().getPdf().getHasTextLayer());
        List<CheckResult> checks = processed.getValidation();
        assertEquals(Set.of("required_fields", "totals_add_up", "line_items_sum", "dates_consistent", "not_duplicate"),
                checks.stream().map(CheckResult::getCheck).collect(Collectors.toSet()));
        assertTrue(checks.stream().allMatch(check -> Boolean.TRUE.equals(check.getPassed())), checks.toString());

        InvoiceEnvelope approved = invoices.changeInvoiceStatus(id, new StatusChange().status(StatusChange.StatusEnum.APPROVED));
        assertEquals(InvoiceEnvelope.CodeEnum.INVOICE_STATUS_UPDATED, approved.getCode());
        assertEquals(200, approved.getStatus().intValue());
        assertEquals(InvoiceStatus.APPROVED, approved.getData().getStatus());
        InvoiceListEnvelope approvedOnly = invoices.listInvoices(1, 20, InvoiceStatus.APPROVED);
        assertEquals(List.of(id), approvedOnly.getData().getInvoices().stream().map(InvoiceView::getId).toList());
        assertEquals(0L, invoices.listInvoices(1, 20, InvoiceStatus.PROCESSED).getData().getTotal().longValue());

        ErrorEnvelope badTransition = refusal(409, () -> invoices.changeInvoiceStatus(id,
                new StatusChange().status(StatusChange.StatusEnum.APPROVED)));
        assertEquals(ErrorEnvelope.CodeEnum.INVALID_STATUS_TRANSITION, badTransition.getCode());

        InvoiceDeletedEnvelope deleted = invoices.deleteInvoice(id);
        assertEquals(InvoiceDeletedEnvelope.CodeEnum.INVOICE_DELETED, deleted.getCode());
        assertEquals(id, deleted.getData().getId());
        assertEquals(ErrorEnvelope.CodeEnum.NOT_FOUND, refusal(404, () -> invoices.getInvoice(id)).getCode());
    }

    @Test
    void refusalsArriveAsTheClientsExceptionCarryingTheErrorEnvelope() throws Exception {
        assertEquals(ErrorEnvelope.CodeEnum.NOT_FOUND, refusal(404, () -> invoices.getInvoice(UUID.randomUUID())).getCode());
        assertEquals(ErrorEnvelope.CodeEnum.NOT_FOUND, refusal(404, () -> invoices.deleteInvoice(UUID.randomUUID())).getCode());

        InvoicesApi withoutKey = new InvoicesApi(new ApiClient().setBasePath(suite.url("invoice")));
        ErrorEnvelope missingKey = refusal(401, () -> withoutKey.listInvoices(null, null, null));
        assertEquals(ErrorEnvelope.CodeEnum.MISSING_API_KEY, missingKey.getCode());
        assertEquals(Boolean.FALSE, missingKey.getSuccess());
    }

    private static InvoiceView awaitProcessingEnd(UUID id) throws Exception {
        Instant deadline = Instant.now().plus(PROCESSING_WAIT);
        InvoiceEnvelope fetched = invoices.getInvoice(id);
        while (UNFINISHED.contains(fetched.getData().getStatus()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL_MILLIS);
            fetched = invoices.getInvoice(id);
        }
        assertEquals(InvoiceEnvelope.CodeEnum.INVOICE_FETCHED, fetched.getCode());
        assertEquals("Invoice retrieved successfully", fetched.getMessage());
        return fetched.getData();
    }

    /** The refusal a call met, read as the document's error envelope, whose status is the HTTP status. */
    private static ErrorEnvelope refusal(int status, Executable call) throws Exception {
        ApiException refused = assertThrows(ApiException.class, call);
        assertEquals(status, refused.getCode(), refused.getResponseBody());
        ErrorEnvelope envelope = client.getObjectMapper().readValue(refused.getResponseBody(), ErrorEnvelope.class);
        assertEquals(status, envelope.getStatus().intValue());
        assertNotNull(envelope.getMessage());
        return envelope;
    }
}
