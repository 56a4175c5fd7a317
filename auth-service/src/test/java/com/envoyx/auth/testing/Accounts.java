package com.envoyx.auth.testing;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import com.envoyx.infra.mail.Mailbox;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Sign-ups from a client address of the test's own, and the mailbox of an address, read over IMAP. */
public final class Accounts {

    public static final Duration MAIL_WAIT = Duration.ofSeconds(20);

    private Accounts() {
    }

    /** An address from 10.0.0.0/8 that no other test uses, for the forwarded-address budgets. */
    public static String freshClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    public static String freshEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static Response register(String email, String password, String clientAddress) {
        return given().header("X-Forwarded-For", clientAddress).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "name", "Acme " + email))
                .post("/api/v1/auth/register");
    }

    public static Mailbox mailbox(String email) {
        int imapPort = ConfigProvider.getConfig().getValue(MailServerTestResource.IMAP_PORT_PROPERTY, Integer.class);
        return new Mailbox("127.0.0.1", imapPort, email);
    }

    /** The path and query of a mailed link, to follow it against the service under test. */
    public static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The token of a mailed link ({@code ...?token=...}). */
    public static String tokenOf(String link) {
        return URI.create(link).getQuery().replaceFirst("^token=", "");
    }
}
