package com.envoyx.systemtest.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.envoyx.systemtest.support.DashboardSignIn;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Settings > Webhooks in a real browser against the packaged services: the dashboard reaches
 * invoice-service's webhooks API for the signed-in account with no API key. Add an endpoint
 * pointing at a receiver on 127.0.0.1 (the launcher allows private targets), see its signing
 * secret once and never again after a reload, send a test event, see the delivery in the log,
 * redeliver it (same event id, next attempt), rotate the secret, and delete the endpoint; on a
 * wide and a narrow screen.
 */
class WebhooksBrowserTest {

    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(30);

    private static String auth;
    private static HttpServer receiver;
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void suiteAndReceiver() throws Exception {
        auth = SharedSuite.get().url("auth");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(SuiteClient.json(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void addAnEndpointSeeItsSecretOnceSendATestAndRedeliverIt() throws Exception {
        String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        try (Browser browser = Browser.open("webhooks")) {
            String email = "webhooks-" + UUID.randomUUID() + "@example.com";
            browser.get(auth + "/signup");
            signUpAndLogIn(browser, email);

            browser.find("nav a[href='/settings/webhooks']").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("add-webhook")));
            assertTrue(browser.find(".breadcrumb").getText().contains("Settings > Webhooks"));
            assertTrue(browser.present("#empty-state"), "a new account has no endpoints yet");
            browser.screenshot("webhooks-empty");
            browser.checkAtEveryWidth("webhooks-empty");

            browser.find("#add-webhook").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-dialog")));
            browser.type("#webhook-url", target);
            browser.type("#webhook-description", "Local receiver");
            browser.screenshot("add-endpoint");
            browser.checkAtEveryWidth("webhooks-add-dialog");
            browser.find("#webhook-form button[type=submit]").click();
            browser.await(driver -> browser.present("#new-key-value") || browser.find("#webhook-error").isDisplayed());
            assertFalse(browser.find("#webhook-error").isDisplayed(), () -> browser.find("#webhook-error").getText());

            WebElement shown = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value")));
            String secret = shown.getText().trim();
            assertTrue(secret.startsWith("whsec_"), secret);
            assertTrue(browser.find("#new-key-panel").getText().contains("shown only once"));
            browser.screenshot("secret-shown-once");
            browser.checkAtEveryWidth("webhooks-secret-panel");
            browser.find("#close-key-panel").click();
            browser.await(ExpectedConditions.stalenessOf(shown));
            WebElement row = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-webhook-id]")));
            assertEquals(target, row.getAttribute("data-webhook-url"));
            assertEquals("active", row.findElement(By.cssSelector(".webhook-status")).getText().trim());
            assertTrue(row.findElement(By.cssSelector(".webhook-events")).getText().contains("invoice.processed"),
                    "no event checked: every invoice event");
            browser.get(auth + "/settings/webhooks");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-webhook-id]")));
            assertFalse(browser.driver().getPageSource().contains(secret), "the secret is gone after a reload");
            assertEquals(0L, browser.script("return window.localStorage.length + window.sessionStorage.length;"));
            browser.screenshot("endpoint-listed");
            browser.checkAtEveryWidth("webhooks");

            String endpointId = browser.find("tr[data-webhook-id]").getAttribute("data-webhook-id");
            browser.find("tr[data-webhook-id] a.log-link").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("send-test")));
            assertTrue(browser.present("#no-deliveries"));
            assertFalse(browser.driver().getPageSource().contains(secret));
            browser.find("#send-test").click();
            browser.await(driver -> browser.find("#webhook-status").getText().contains("Test event queued"));
            browser.screenshot("test-queued");

            JsonNode test = awaitReceived(1).get(0);
            assertEquals("webhook.test", test.path("event").asText());
            WebElement first = awaitLog(browser, endpointId, 1).get(0);
            assertEquals("webhook.test", first.findElement(By.cssSelector(".delivery-event")).getText().trim());
            assertEquals(test.path("id").asText(), first.findElement(By.cssSelector(".delivery-event-id")).getText().trim());
            assertEquals("1", first.findElement(By.cssSelector(".delivery-attempt")).getText().trim());
            assertEquals("200", first.findElement(By.cssSelector(".delivery-status")).getText().trim());
            assertTrue(first.findElement(By.cssSelector(".delivery-latency")).getText().endsWith(" ms"));
            assertEquals("None", first.findElement(By.cssSelector(".delivery-next-retry")).getText().trim());
            browser.screenshot("delivery-log");

            first.findElement(By.cssSelector("button[data-action=redeliver]")).click();
            browser.await(driver -> browser.find("#webhook-status").getText().contains("Redelivery queued"));
            JsonNode again = awaitReceived(2).get(1);
            assertEquals(test.path("id").asText(), again.path("id").asText(), "a redelivery keeps the event id");
            List<WebElement> attempts = awaitLog(browser, endpointId, 2);
            assertEquals("2", attempts.get(0).findElement(By.cssSelector(".delivery-attempt")).getText().trim());
            assertEquals(test.path("id").asText(),
                    attempts.get(0).findElement(By.cssSelector(".delivery-event-id")).getText().trim());
            browser.screenshot("redelivered");
            browser.checkAtEveryWidth("webhook-delivery-log");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.screenshot("delivery-log-narrow");
            assertEquals(Boolean.TRUE, browser.script(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"),
                    "the page itself does not scroll sideways (tables scroll in their own box)");

            browser.find("button[data-webhook-action=rotate]").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertTrue(browser.find("#confirm-text").getText().contains(target));
            browser.find("#webhook-confirm-ok").click();
            WebElement rotated = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value")));
            String newSecret = rotated.getText().trim();
            assertTrue(newSecret.startsWith("whsec_") && !newSecret.equals(secret), newSecret);
            browser.screenshot("rotated-secret-narrow");
            browser.find("#close-key-panel").click();
            browser.await(ExpectedConditions.stalenessOf(rotated));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("send-test")));
            assertFalse(browser.driver().getPageSource().contains(newSecret));

            browser.find("button[data-webhook-action=delete]").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            browser.find("#webhook-confirm-ok").click();
            browser.await(ExpectedConditions.urlToBe(auth + "/settings/webhooks"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("empty-state")));
            browser.screenshot("deleted-narrow");
        }
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndAnotherAccountsEndpointIsNotFound() throws Exception {
        try (Browser browser = Browser.open("webhooks-csrf")) {
            browser.get(auth + "/signup");
            signUpAndLogIn(browser, "webhooks-" + UUID.randomUUID() + "@example.com");
            Map<?, ?> forged = (Map<?, ?>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/dashboard/webhooks', {method: 'POST', credentials: 'same-origin',"
                            + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({url: arguments[0]})})"
                            + ".then(r => r.json().then(b => done({status: r.status, code: b.code})));",
                    "http://127.0.0.1:9/forged");
            assertEquals(403L, forged.get("status"));
            assertEquals("FORBIDDEN", forged.get("code"));
            Map<?, ?> other = (Map<?, ?>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/settings/webhooks/' + arguments[0]).then(r => done({status: r.status}));",
                    UUID.randomUUID().toString());
            assertEquals(404L, other.get("status"));
            browser.get(auth + "/settings/webhooks");
            assertTrue(browser.present("#empty-state"), "nothing was created");
        }
    }

    private static void signUpAndLogIn(Browser browser, String email) {
        DashboardSignIn.signUpAndLogIn(browser.driver(), email);
    }

    private static List<JsonNode> awaitReceived(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(DELIVERY_WAIT);
        while (received.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the receiver got " + received.size() + " deliveries, expected " + count);
            }
            Thread.sleep(200);
        }
        return List.copyOf(received);
    }

    /** The log is read when the page renders: reload until it shows {@code count} attempts, newest first. */
    private static List<WebElement> awaitLog(Browser browser, String endpointId, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(DELIVERY_WAIT);
        while (true) {
            browser.get(auth + "/settings/webhooks/" + endpointId);
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("send-test")));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr[data-delivery-id]"));
            if (rows.size() >= count) {
                return rows;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the log shows " + rows.size() + " attempts, expected " + count);
            }
            Thread.sleep(500);
        }
    }
}
