package com.envoyx.systemtest.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.infra.mail.Mailbox;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;

/**
 * Account mail against the launched suite, as a customer meets it: the launcher's local mail
 * server receives it, the test reads it over IMAP with the address as user and password.
 */
class AccountMailTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static LaunchedSuite suite;
    private static String auth;

    @BeforeAll
    static void suite() throws Exception {
        suite = SharedSuite.get();
        auth = suite.url("auth");
    }

    @Test
    void keysWaitForTheVerifiedAddress() throws Exception {
        String email = newEmail();
        HttpResponse<String> registered = register(email, PASSWORD);
        assertEquals(201, registered.statusCode(), registered.body());
        String session = login(email, PASSWORD);

        HttpResponse<String> early = SuiteClient.post(auth + "/api/v1/api-keys", session, Map.of("name", "Too early"));
        assertEquals(403, early.statusCode(), early.body());
        assertEquals("EMAIL_NOT_VERIFIED", SuiteClient.json(early.body()).path("code").asText());

        Mailbox.ReceivedMail mail = suite.mailbox(email).await(SuiteClient.VERIFY_SUBJECT, SuiteClient.MAIL_WAIT);
        assertTrue(mail.firstLink().startsWith(
                "http://localhost:" + suite.port("ENVOYX_AUTH_HTTP_PORT") + "/verify-email?token="), mail.firstLink());
        assertTrue(printed(mail.firstLink()), "the launcher prints the link");
        for (int opened = 0; opened < 2; opened++) {
            HttpResponse<String> page = SuiteClient.get(mail.firstLink(), Map.of());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Email address verified"));
        }
        assertEquals(201, SuiteClient.post(auth + "/api/v1/api-keys", session, Map.of("name", "Now")).statusCode());
    }

    @Test
    void aTakenAddressLooksNewAndItsOwnerIsTold() throws Exception {
        String email = newEmail();
        HttpResponse<String> first = register(email, PASSWORD);
        HttpResponse<String> second = register(email, "someone else's passphrase");
        assertEquals(first.statusCode(), second.statusCode());
        assertEquals(first.body(), second.body());
        suite.mailbox(email).await("You already have an EnvoyX account", SuiteClient.MAIL_WAIT);
        assertEquals(401, SuiteClient.post(auth + "/api/v1/auth/login", null,
                Map.of("email", email, "password", "someone else's passphrase")).statusCode());
    }

    @Test
    void aForgottenPasswordIsResetThroughItsMail() throws Exception {
        String email = newEmail();
        register(email, PASSWORD);
        String oldSession = login(email, PASSWORD);
        HttpResponse<String> known = SuiteClient.post(auth + "/api/v1/auth/password-reset", null, Map.of("email", email));
        HttpResponse<String> unknown = SuiteClient.post(auth + "/api/v1/auth/password-reset", null,
                Map.of("email", newEmail()));
        assertEquals(202, known.statusCode());
        assertEquals(known.body(), unknown.body());

        String link = suite.mailbox(email).await("Reset your EnvoyX password", SuiteClient.MAIL_WAIT).firstLink();
        String token = link.substring(link.indexOf("token=") + "token=".length());
        HttpResponse<String> reset = SuiteClient.post(auth + "/api/v1/auth/password-reset/confirm", null,
                Map.of("token", token, "password", "a brand new passphrase"));
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals(401, SuiteClient.get(auth + "/api/v1/auth/session",
                Map.of("Authorization", "Bearer " + oldSession)).statusCode());
        login(email, "a brand new passphrase");
    }

    /**
     * Change password (with the current one) ends every other session and is confirmed by mail;
     * log out everywhere ends every session, the caller's too; both on the launched suite's API.
     */
    @Test
    void changingThePasswordAndLoggingOutEverywhereEndSessions() throws Exception {
        String email = newEmail();
        register(email, PASSWORD);
        suite.mailbox(email).await(SuiteClient.VERIFY_SUBJECT, SuiteClient.MAIL_WAIT);
        String here = login(email, PASSWORD);
        String elsewhere = login(email, PASSWORD);

        HttpResponse<String> wrong = SuiteClient.post(auth + "/api/v1/auth/password", here,
                Map.of("current_password", "not the current one", "new_password", "a brand new passphrase"));
        assertEquals(400, wrong.statusCode(), wrong.body());
        HttpResponse<String> changed = SuiteClient.post(auth + "/api/v1/auth/password", here,
                Map.of("current_password", PASSWORD, "new_password", "a brand new passphrase"));
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(401, session(elsewhere), "the other session ended");
        assertEquals(200, session(here), "the changing session stays");
        suite.mailbox(email).await("Your EnvoyX password was changed", SuiteClient.MAIL_WAIT);
        assertEquals(401, SuiteClient.post(auth + "/api/v1/auth/login", null,
                Map.of("email", email, "password", PASSWORD)).statusCode());

        String third = login(email, "a brand new passphrase");
        HttpResponse<String> everywhere = SuiteClient.post(auth + "/api/v1/auth/logout-everywhere", here, Map.of());
        assertEquals(200, everywhere.statusCode(), everywhere.body());
        assertEquals(2, SuiteClient.json(everywhere.body()).path("data").path("sessions_ended").asInt());
        assertEquals(401, session(here));
        assertEquals(401, session(third));
    }

    private static int session(String bearer) throws Exception {
        return SuiteClient.get(auth + "/api/v1/auth/session", Map.of("Authorization", "Bearer " + bearer)).statusCode();
    }

    /** Whether the launcher's console shows the text within 5 s (it polls its mail server twice a second). */
    private static boolean printed(String text) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (suite.contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static HttpResponse<String> register(String email, String password) throws Exception {
        return SuiteClient.post(auth + "/api/v1/auth/register", null,
                Map.of("email", email, "password", password, "name", "Acme Ltd"));
    }

    private static String login(String email, String password) throws Exception {
        HttpResponse<String> login = SuiteClient.post(auth + "/api/v1/auth/login", null,
                Map.of("email", email, "password", password));
        assertEquals(200, login.statusCode(), login.body());
        return SuiteClient.json(login.body()).path("data").path("access_token").asText();
    }

    private static String newEmail() {
        return "account-" + UUID.randomUUID() + "@example.com";
    }
}
