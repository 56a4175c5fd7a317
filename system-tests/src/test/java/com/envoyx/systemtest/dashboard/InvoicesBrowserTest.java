package com.envoyx.systemtest.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.envoyx.systemtest.support.DashboardSignIn;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;

/**
 * Settings > Invoices in a real browser against the packaged services: invoices uploaded through
 * the API with a key (made in the browser) are listed for the signed-in account with no key of the
 * dashboard's own; the list is filtered by status and paged (21 invoices, 20 a page); an invoice's
 * detail shows what processing found, its PDF downloads byte for byte, and Approve changes its
 * status; another account sees none of it. Every page at 1280 and 390 px.
 */
class InvoicesBrowserTest {

    private static final Duration PROCESSING_WAIT = Duration.ofSeconds(180);
    private static final Set<String> UNFINISHED = Set.of("PENDING", "PROCESSING");
    private static final int INVOICES = 21;
    private static final int UPLOAD_ATTEMPTS = 5;

    private static LaunchedSuite suite;
    private static String auth;
    private static String invoice;

    @BeforeAll
    static void suite() throws Exception {
        suite = SharedSuite.get();
        auth = suite.url("auth");
        invoice = suite.url("invoice");
    }

    @Test
    void listFilterPageOpenDownloadAndApproveAnInvoice() throws Exception {
        String firstId;
        try (Browser browser = Browser.open("invoices")) {
            String email = "invoices-" + UUID.randomUUID() + "@example.com";
            browser.get(auth + "/signup");
            DashboardSignIn.signUp(browser.driver(), email);
            new SuiteClient(suite).verifyThroughMail(email);
            DashboardSignIn.logIn(browser.driver(), email);

            browser.find("nav a[href='/settings/invoices']").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("empty-state")));
            assertTrue(browser.find(".breadcrumb").getText().contains("Settings > Invoices"));
            browser.checkAtEveryWidth("invoices-empty");

            String key = createKey(browser);
            List<String> uploaded = new ArrayList<>();
            for (int i = 1; i <= INVOICES; i++) {
                HttpResponse<String> upload = upload(key, "dash-invoice-" + i);
                assertEquals(201, upload.statusCode(), upload.body());
                uploaded.add(SuiteClient.json(upload.body()).path("data").path("id").asText());
            }
            firstId = uploaded.get(0);

            List<WebElement> rows = awaitProcessed(browser);
            assertEquals(20, rows.size(), "20 invoices a page");
            assertTrue(browser.find("#page-position").getText().contains("Page 1 of 2"), browser.find("#page-position").getText());
            assertEquals(uploaded.get(INVOICES - 1), rows.get(0).getAttribute("data-invoice-id"), "newest first");
            browser.screenshot("invoices-listed");
            browser.checkAtEveryWidth("invoices");

            browser.find("#next-page").click();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("page-position"), "Page 2 of 2"));
            List<WebElement> second = browser.driver().findElements(By.cssSelector("tr[data-invoice-id]"));
            assertEquals(1, second.size());
            assertEquals(firstId, second.get(0).getAttribute("data-invoice-id"), "the oldest on the last page");
            assertTrue(browser.present("#previous-page") && !browser.present("#next-page"));
            browser.checkAtEveryWidth("invoices-page-2");

            String status = second.get(0).findElement(By.cssSelector(".invoice-status")).getText().trim();
            new Select(browser.find("#status-filter")).selectByValue(status);
            browser.find("#invoice-filter button[type=submit]").click();
            browser.await(ExpectedConditions.urlContains("status=" + status));
            List<WebElement> filtered = browser.driver().findElements(By.cssSelector("tr[data-invoice-id]"));
            assertFalse(filtered.isEmpty());
            for (WebElement row : filtered) {
                assertEquals(status, row.findElement(By.cssSelector(".invoice-status")).getText().trim());
            }
            new Select(browser.find("#status-filter")).selectByValue("PAID");
            browser.find("#invoice-filter button[type=submit]").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("empty-state")));
            assertTrue(browser.find("#empty-state").getText().contains("No invoices in status PAID"));
            browser.checkAtEveryWidth("invoices-filtered-empty");

            browser.get(auth + "/settings/invoices?page=2");
            browser.find("tr[data-invoice-id='" + firstId + "'] a.detail-link").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("invoice-details")));
            assertEquals("dash-invoice-1.pdf", browser.find("h1.invoice-file").getText().trim());
            assertEquals(status, browser.find("#invoice-status").getText().trim());
            assertFalse(browser.find("#invoice-processed").getText().isBlank());
            // Whatever the view carries today: extracted fields with confidences and checks, or the PDF's facts.
            assertTrue(browser.present("#fields-table") || browser.present("#no-fields"));
            assertTrue(browser.present("#checks") || browser.present("#no-checks"));
            assertTrue(browser.present("#line-items-table") || browser.present("#no-line-items"));
            if (browser.present("#fields-table")) {
                for (WebElement confidence : browser.driver().findElements(By.cssSelector(".field-confidence"))) {
                    assertTrue(confidence.getText().isEmpty() || confidence.getText().endsWith("%"), confidence.getText());
                }
            }
            browser.screenshot("invoice-detail");
            browser.checkAtEveryWidth("invoice-detail");

            Map<?, ?> download = (Map<?, ?>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(document.getElementById('download-invoice').href).then(r => r.arrayBuffer().then(b =>"
                            + " done({status: r.status, type: r.headers.get('Content-Type'),"
                            + " disposition: r.headers.get('Content-Disposition'), size: b.byteLength,"
                            + " head: String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5)))})));");
            assertEquals(200L, download.get("status"));
            assertEquals("application/pdf", download.get("type"));
            assertTrue(String.valueOf(download.get("disposition")).contains("dash-invoice-1.pdf"), String.valueOf(download.get("disposition")));
            assertEquals((long) SamplePdf.invoice("dash-invoice-1").length, download.get("size"));
            assertEquals("%PDF-", download.get("head"));

            if (browser.present("button[data-invoice-decision=APPROVED]")) {
                browser.find("button[data-invoice-decision=APPROVED]").click();
                browser.await(ExpectedConditions.textToBe(By.id("invoice-status"), "APPROVED"));
                assertFalse(browser.present("button[data-invoice-decision=APPROVED]"), "approved once");
                browser.screenshot("invoice-approved");
                browser.checkAtEveryWidth("invoice-approved");
                HttpResponse<String> read = SuiteClient.get(invoice + "/api/v1/invoices/" + firstId, Map.of("X-API-Key", key));
                assertEquals("APPROVED", SuiteClient.json(read.body()).path("data").path("status").asText());
            } else {
                throw new AssertionError("a " + status + " invoice offers no Approve");
            }

            Map<?, ?> forged = (Map<?, ?>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/dashboard/invoices/' + arguments[0] + '/status', {method: 'PATCH',"
                            + " credentials: 'same-origin', headers: {'Content-Type': 'application/json'},"
                            + " body: JSON.stringify({status: 'PAID'})}).then(r => r.json().then(b => done({status: r.status, code: b.code})));",
                    firstId);
            assertEquals(403L, forged.get("status"), "no change without the session's CSRF token");
            assertEquals("FORBIDDEN", forged.get("code"));
        }
        try (Browser other = Browser.open("invoices-other-account")) {
            other.get(auth + "/signup");
            DashboardSignIn.signUpAndLogIn(other.driver(), "invoices-" + UUID.randomUUID() + "@example.com");
            other.get(auth + "/settings/invoices");
            other.await(ExpectedConditions.visibilityOfElementLocated(By.id("empty-state")));
            Map<?, ?> page = (Map<?, ?>) other.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "Promise.all([fetch('/settings/invoices/' + arguments[0]), fetch('/api/v1/dashboard/invoices/' + arguments[0] + '/file')])"
                            + ".then(rs => done({page: rs[0].status, file: rs[1].status}));", firstId);
            assertEquals(404L, page.get("page"));
            assertEquals(404L, page.get("file"));
        }
    }

    /**
     * An upload as a customer's client sends it, trying again after a 503 as the API asks (a
     * loaded two-core machine can miss the services' one- and two-second internal deadlines).
     */
    private static HttpResponse<String> upload(String key, String label) throws Exception {
        HttpResponse<String> upload = InvoiceUpload.send(invoice, key, label);
        for (int attempt = 1; upload.statusCode() == 503 && attempt < UPLOAD_ATTEMPTS; attempt++) {
            Thread.sleep(1000);
            upload = InvoiceUpload.send(invoice, key, label);
        }
        return upload;
    }

    /** Create New Key in the browser; the key as the show-once panel shows it. */
    private static String createKey(Browser browser) {
        browser.get(auth + "/settings/api-keys");
        browser.find("#create-key").click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("create-dialog")));
        browser.type("#key-name", "Invoice Uploader");
        browser.find("#create-form button[type=submit]").click();
        String key = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value"))).getText().trim();
        browser.find("#close-key-panel").click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("keys-table")));
        return key;
    }

    /** The list is read when the page renders: reload until no invoice of the first page is still being processed. */
    private static List<WebElement> awaitProcessed(Browser browser) throws InterruptedException {
        Instant deadline = Instant.now().plus(PROCESSING_WAIT);
        while (true) {
            browser.get(auth + "/settings/invoices");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("invoices-table")));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr[data-invoice-id]"));
            boolean finished = rows.stream().noneMatch(row ->
                    UNFINISHED.contains(row.findElement(By.cssSelector(".invoice-status")).getText().trim()));
            if (finished) {
                return rows;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("invoices still unprocessed after " + PROCESSING_WAIT);
            }
            Thread.sleep(500);
        }
    }
}
