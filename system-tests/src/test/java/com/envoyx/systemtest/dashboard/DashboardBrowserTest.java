package com.envoyx.systemtest.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.envoyx.systemtest.support.DashboardSignIn;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;

/**
 * The documented walk in a real browser against the packaged services: "Log in to the Dashboard,
 * navigate to Settings > API Keys, click Create New Key, enter a descriptive name (e.g.
 * 'Production Server'), copy the key immediately — it is only shown once." Before that, as the FAQ
 * says, the address is verified: Create New Key refuses until the link of the sign-up mail (read
 * over IMAP from the launcher's mail server) is opened. Then the key is used, its use shows up,
 * and revoking it in the browser shuts it out. A forgotten password is reset through its mail,
 * changed in Account, and "Log out everywhere" ends the session.
 */
class DashboardBrowserTest {

    private static final String PASSWORD = DashboardSignIn.PASSWORD;
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final Duration LAST_USED_WAIT = Duration.ofSeconds(30);
    private static final Duration REVOCATION_WAIT = Duration.ofSeconds(2);

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
    void signUpCreateCopyUseWatchAndRevokeAKey() throws Exception {
        try (Browser browser = Browser.open("walk")) {
            String email = newEmail();
            browser.get(auth + "/");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            assertTrue(browser.present("input[type=email]") && browser.present("input[type=password]")
                    && browser.present("#login-form button[type=submit]"), "log-in form");
            browser.screenshot("log-in-form");
            browser.checkAtEveryWidth("log-in");

            browser.find("#signup-link").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("signup-form")));
            browser.checkAtEveryWidth("sign-up");
            signUp(browser, email);
            browser.screenshot("signed-up");

            logIn(browser, email);
            assertTrue(browser.find(".breadcrumb").getText().contains("Settings > API Keys"));
            assertTrue(browser.present("#empty-state"), "a new account starts with the explanation of keys");
            assertTrue(browser.find("#verify-banner").getText().contains(email), "the banner asks to verify the address");
            browser.screenshot("api-keys-empty-unverified");
            browser.checkAtEveryWidth("api-keys-empty-unverified");

            // Before the address is verified, Create New Key says why it cannot make a key.
            browser.find("#create-key").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("create-dialog")));
            browser.type("#key-name", "Too Early");
            browser.find("#create-form button[type=submit]").click();
            String refusal = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("create-error"))).getText();
            assertTrue(refusal.contains("Verify your email address"), refusal);
            browser.screenshot("create-refused-until-verified");
            browser.find("#create-dialog [data-close]").click();

            // The mail, read over IMAP from the launcher's mail server; its link opened in the browser.
            String link = suite.mailbox(email).await(SuiteClient.VERIFY_SUBJECT, SuiteClient.MAIL_WAIT).firstLink();
            assertTrue(link.contains("/verify-email?token="), link);
            browser.get(link);
            assertEquals("Email address verified", browser.find("#verify-result").getText().trim());
            browser.screenshot("email-verified");
            browser.checkAtEveryWidth("verify-email");
            browser.get(auth + "/settings/api-keys");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("create-key")));
            assertFalse(browser.present("#verify-banner"), "the banner is gone once verified");
            assertFalse(browser.driver().getPageSource().contains("Too Early"), "nothing was created before");

            browser.find("#create-key").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("create-dialog")));
            assertEquals("key-name", browser.driver().switchTo().activeElement().getAttribute("id"),
                    "the dialog takes the keyboard focus");
            assertTrue(browser.find("#key-name-help").getText().contains("Production Server")
                    && browser.find("#key-name-help").getText().contains("Staging Environment"));
            browser.type("#key-name", "Production Server");
            browser.screenshot("create-new-key");
            browser.checkAtEveryWidth("api-keys-create-dialog");
            browser.find("#create-form button[type=submit]").click();

            WebElement shown = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value")));
            String key = shown.getText().trim();
            assertTrue(key.startsWith("envx_live_"), key);
            assertTrue(browser.find("#new-key-panel").getText().contains("cannot be retrieved again"));
            assertEquals("copy-key", browser.driver().switchTo().activeElement().getAttribute("id"));
            browser.find("#copy-key").click();
            browser.await(driver -> !browser.find("#copy-status").getText().isBlank());
            assertFalse(browser.find("#empty-state").isDisplayed(),
                    "no \"You have no API keys yet\" beside the new key's panel");
            browser.screenshot("key-shown-once");
            browser.checkAtEveryWidth("api-keys-new-key-panel");

            browser.find("#close-key-panel").click();
            browser.await(ExpectedConditions.stalenessOf(shown));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("keys-table")));
            assertFalse(browser.present("#new-key-panel"));
            assertFalse(browser.driver().getPageSource().contains(key), "the key is gone from the page");
            assertFalse(browser.driver().getCurrentUrl().contains(key));
            assertEquals(0L, browser.script("return window.localStorage.length + window.sessionStorage.length;"));
            WebElement row = keyRow(browser, "Production Server");
            assertEquals("Never", row.findElement(By.cssSelector(".key-last-used")).getText().trim());
            assertEquals("active", row.findElement(By.cssSelector(".key-status")).getText().trim());
            browser.screenshot("key-listed");
            browser.checkAtEveryWidth("api-keys");

            String keyId = row.getAttribute("data-key-id");
            browser.get(auth + "/settings/api-keys/" + keyId);
            long before = requestsInLast24Hours(browser);
            browser.screenshot("usage-before");

            HttpResponse<String> upload = InvoiceUpload.send(invoice, key, "walk-invoice");
            assertEquals(201, upload.statusCode(), upload.body());

            awaitUse(browser, keyId, before);
            browser.screenshot("usage-after-upload");
            browser.checkAtEveryWidth("api-key-usage");

            browser.get(auth + "/settings/api-keys");
            assertFalse(keyRow(browser, "Production Server").findElement(By.cssSelector(".key-last-used"))
                    .getText().startsWith("Never"), "the list shows the last use too");
            keyRow(browser, "Production Server").findElement(By.cssSelector("button[data-action=revoke]")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertTrue(browser.find("#confirm-text").getText().contains("\"Production Server\""),
                    "the confirmation names the key");
            browser.screenshot("revoke-confirmation");
            browser.checkAtEveryWidth("api-keys-revoke-confirmation");
            browser.find("#confirm-ok").click();
            browser.await(driver -> "revoked".equals(keyRow(browser, "Production Server")
                    .findElement(By.cssSelector(".key-status")).getText().trim()));
            browser.screenshot("revoked");

            Instant deadline = Instant.now().plus(REVOCATION_WAIT);
            HttpResponse<String> refused = InvoiceUpload.send(invoice, key, "after-revoke");
            while (refused.statusCode() != 403 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                refused = InvoiceUpload.send(invoice, key, "after-revoke");
            }
            assertEquals(403, refused.statusCode(), refused.body());
            assertEquals("INVALID_API_KEY", SuiteClient.json(refused.body()).path("code").asText());

            browser.find("nav a[href='/settings/audit-log']").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("audit-table")));
            String audit = browser.find("#audit-table").getText();
            assertTrue(audit.contains("api_key.created") && audit.contains("api_key.revoked"), audit);
            browser.screenshot("audit-log");
            browser.checkAtEveryWidth("audit-log");

            browser.find("#logout").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            browser.get(auth + "/settings/api-keys");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            browser.screenshot("logged-out");
        }
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        try (Browser browser = Browser.open("csrf")) {
            String email = newEmail();
            browser.get(auth + "/signup");
            signUp(browser, email);
            logIn(browser, email);

            Map<?, ?> forged = (Map<?, ?>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/api-keys', {method: 'POST', credentials: 'same-origin',"
                            + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name: 'Forged'})})"
                            + ".then(r => r.json().then(b => done({status: r.status, code: b.code})));");
            assertEquals(403L, forged.get("status"));
            assertEquals("FORBIDDEN", forged.get("code"));

            browser.get(auth + "/settings/api-keys");
            assertTrue(browser.present("#empty-state"), "nothing was created");
            browser.screenshot("forged-request-refused");
        }
    }

    @Test
    void aSecondAccountDoesNotSeeTheFirstOnesKeys() throws Exception {
        String firstEmail = newEmail();
        String keyId;
        try (Browser browser = Browser.open("isolation")) {
            browser.get(auth + "/signup");
            signUpVerified(browser, firstEmail);
            logIn(browser, firstEmail);
            browser.find("#create-key").click();
            browser.type("#key-name", "First Account Server");
            browser.find("#create-form button[type=submit]").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("close-key-panel"))).click();
            keyId = keyRow(browser, "First Account Server").getAttribute("data-key-id");
            browser.screenshot("first-account");
        }
        try (Browser browser = Browser.open("isolation-second")) {
            String secondEmail = newEmail();
            browser.get(auth + "/signup");
            signUp(browser, secondEmail);
            logIn(browser, secondEmail);
            assertTrue(browser.present("#empty-state"));
            assertFalse(browser.driver().getPageSource().contains("First Account Server"));
            browser.screenshot("second-account");

            Map<?, ?> other = (Map<?, ?>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/settings/api-keys/' + arguments[0]).then(r => done({status: r.status}));", keyId);
            assertEquals(404L, other.get("status"));
            browser.get(auth + "/settings/audit-log");
            assertFalse(browser.driver().getPageSource().contains("First Account Server"));
        }
    }

    @Test
    void rotateWithAGracePeriodThenDeleteTheOldKeyOnANarrowScreen() throws Exception {
        try (Browser browser = Browser.open("rotate")) {
            String email = newEmail();
            browser.get(auth + "/signup");
            signUpVerified(browser, email);
            logIn(browser, email);
            browser.find("#create-key").click();
            browser.type("#key-name", "Staging Environment");
            new Select(browser.find("#key-environment")).selectByValue("staging");
            browser.find("#create-form button[type=submit]").click();
            assertTrue(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value")))
                    .getText().startsWith("envx_stg_"));
            browser.find("#close-key-panel").click();
            String oldId = keyRow(browser, "Staging Environment").getAttribute("data-key-id");

            keyRow(browser, "Staging Environment").findElement(By.cssSelector("button[data-action=rotate]")).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("grace-period")));
            assertTrue(browser.find("#confirm-text").getText().contains("\"Staging Environment\""));
            new Select(browser.find("#grace-period")).selectByValue("3600");
            browser.screenshot("rotate-confirmation");
            browser.find("#confirm-ok").click();
            WebElement successor = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value")));
            String newKey = successor.getText().trim();
            assertTrue(newKey.startsWith("envx_stg_"), newKey);
            browser.screenshot("rotated-key-shown-once");
            browser.find("#close-key-panel").click();
            browser.await(ExpectedConditions.stalenessOf(successor));
            browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key-id]"), 2));
            assertFalse(browser.driver().getPageSource().contains(newKey));
            WebElement oldRow = browser.find("tr[data-key-id='" + oldId + "']");
            assertFalse(oldRow.findElement(By.cssSelector(".key-expires")).getText().startsWith("Never"),
                    "the old key ends with its grace period");
            assertTrue(oldRow.findElements(By.cssSelector("button[data-action=rotate]")).isEmpty(),
                    "a rotated key cannot be rotated again");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.screenshot("narrow-screen");
            assertEquals(Boolean.TRUE, browser.script(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"),
                    "the page itself does not scroll sideways (tables scroll in their own box)");

            browser.find("tr[data-key-id='" + oldId + "'] button[data-action=delete]").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertTrue(browser.find("#confirm-title").getText().contains("\"Staging Environment\""));
            browser.screenshot("delete-confirmation");
            browser.find("#confirm-ok").click();
            browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key-id]"), 1));
            assertFalse(browser.present("tr[data-key-id='" + oldId + "']"));
            browser.screenshot("deleted");
        }
    }

    @Test
    void forgottenPasswordResetByMailThenChangedThenEverySessionEnded() throws Exception {
        try (Browser browser = Browser.open("password")) {
            String email = newEmail();
            browser.get(auth + "/signup");
            signUpVerified(browser, email);

            browser.find("#forgot-link").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("reset-request-form")));
            browser.type("#reset-email", email);
            browser.find("#reset-request-form button[type=submit]").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("reset-request-done")));
            browser.screenshot("reset-requested");
            browser.checkAtEveryWidth("reset-password-request");

            String link = suite.mailbox(email).await("Reset your EnvoyX password", SuiteClient.MAIL_WAIT).firstLink();
            browser.get(link);
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("reset-confirm-form")));
            browser.checkAtEveryWidth("reset-password-new");
            browser.type("#reset-password", NEW_PASSWORD);
            browser.find("#reset-confirm-form button[type=submit]").click();
            assertTrue(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("reset-confirm-done")))
                    .getText().contains("Password changed"));
            browser.screenshot("reset-done");

            browser.get(auth + "/");
            logIn(browser, email, NEW_PASSWORD);
            browser.find("nav a[href='/settings/account']").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("change-password-form")));
            browser.type("#current-password", NEW_PASSWORD);
            browser.type("#new-password", PASSWORD);
            browser.find("#change-password-form button[type=submit]").click();
            assertTrue(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("change-password-done")))
                    .getText().contains("Password changed"));
            browser.screenshot("password-changed");
            browser.checkAtEveryWidth("account");

            browser.find("#logout-everywhere").click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            browser.get(auth + "/settings/account");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            browser.screenshot("logged-out-everywhere");
            logIn(browser, email, PASSWORD);
        }
    }

    /** Signs up in the browser and verifies the address through its mail, for walks about other things. */
    private static void signUpVerified(Browser browser, String email) throws Exception {
        signUp(browser, email);
        new SuiteClient(suite).verifyThroughMail(email);
    }

    private static void signUp(Browser browser, String email) {
        DashboardSignIn.signUp(browser.driver(), email);
    }

    private static void logIn(Browser browser, String email) {
        DashboardSignIn.logIn(browser.driver(), email);
    }

    private static void logIn(Browser browser, String email, String password) {
        DashboardSignIn.logIn(browser.driver(), email, password);
    }

    /** The (first) row of the key with this name, waiting for it while the page reloads. */
    private static WebElement keyRow(Browser browser, String name) {
        return browser.await(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("tr[data-key-id]"));
            return rows.stream().filter(row -> name.equals(row.getAttribute("data-key-name"))).findFirst().orElse(null);
        });
    }

    private static long requestsInLast24Hours(Browser browser) {
        return Long.parseLong(browser.find("#chart-hourly").getAttribute("data-total"));
    }

    /** last_used_at is flushed in batches every few seconds: reload until the page shows the use. */
    private static void awaitUse(Browser browser, String keyId, long requestsBefore) throws InterruptedException {
        Instant deadline = Instant.now().plus(LAST_USED_WAIT);
        while (true) {
            browser.get(auth + "/settings/api-keys/" + keyId);
            boolean used = !browser.find("#last-used").getText().startsWith("Never");
            boolean counted = requestsInLast24Hours(browser) > requestsBefore;
            if (used && counted) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("after " + LAST_USED_WAIT + ": last used '" + browser.find("#last-used").getText()
                        + "', requests in 24 h " + requestsInLast24Hours(browser) + " (before " + requestsBefore + ")");
            }
            Thread.sleep(500);
        }
    }

    private static String newEmail() {
        return "dashboard-" + UUID.randomUUID() + "@example.com";
    }

}
