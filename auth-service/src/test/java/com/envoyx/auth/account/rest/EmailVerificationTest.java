package com.envoyx.auth.account.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AccountMailProfile;
import com.envoyx.auth.testing.Accounts;
import com.envoyx.auth.testing.AdjustableClock;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.infra.mail.Mailbox;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The public FAQ's rule: a new address is verified through the mailed link before the account
 * may create API keys. Mail goes over SMTP to a real server and is read back over IMAP.
 */
@QuarkusTest
@TestProfile(AccountMailProfile.class)
class EmailVerificationTest {

    private static final String VERIFY_SUBJECT = "Verify your email address";

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void keysWaitForTheLinkAndTheLinkMayBeOpenedTwice() {
        String email = Accounts.freshEmail();
        Accounts.register(email, Dashboard.PASSWORD, Accounts.freshClientAddress())
                .then().statusCode(201).body("code", equalTo("REGISTRATION_RECEIVED"));
        Dashboard user = Dashboard.logIn(email, Dashboard.PASSWORD);
        user.request().get("/api/v1/auth/session").then().statusCode(200)
                .body("data.user.email_verified", equalTo(false));
        user.request().body(Map.of("name", "Too early")).post("/api/v1/api-keys")
                .then().statusCode(403).body("code", equalTo("EMAIL_NOT_VERIFIED"))
                .body("message", containsString("Verify your email address"));

        Mailbox.ReceivedMail mail = Accounts.mailbox(email).await(VERIFY_SUBJECT, Accounts.MAIL_WAIT);
        assertTrue(mail.firstLink().startsWith("http://dashboard.test/verify-email?token="), mail.firstLink());
        for (int opened = 0; opened < 2; opened++) {
            given().get(Accounts.pathOf(mail.firstLink())).then().statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body(containsString("Email address verified"));
        }

        user.request().get("/api/v1/auth/session").then().body("data.user.email_verified", equalTo(true));
        user.createKey("Production Server");
        assertEquals("user.email_verified", user.request().get("/api/v1/audit-events")
                .then().extract().jsonPath().getString("data.items[-1].action"));
    }

    @Test
    void apiClientsVerifyWithThePostAndTokensAreSinglePurposeAndExpire() {
        String email = Accounts.freshEmail();
        Accounts.register(email, Dashboard.PASSWORD, Accounts.freshClientAddress()).then().statusCode(201);
        String token = Accounts.tokenOf(Accounts.mailbox(email).await(VERIFY_SUBJECT, Accounts.MAIL_WAIT).firstLink());

        // A verification token opens no password reset.
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "a brand new password"))
                .post("/api/v1/auth/password-reset/confirm")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"))
                .body("data.errors[0].field", equalTo("token"));
        given().contentType(ContentType.JSON).body(Map.of("token", token + "x"))
                .post("/api/v1/auth/verify-email")
                .then().statusCode(400).body("data.errors[0].field", equalTo("token"));

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/auth/verify-email")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        given().get("/verify-email?token=" + token).then().statusCode(400)
                .body(containsString("invalid or has expired"));
        clock.reset();

        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/auth/verify-email")
                .then().statusCode(200).body("code", equalTo("EMAIL_VERIFIED")).body("data.email", equalTo(email));
        Dashboard.logIn(email, Dashboard.PASSWORD).createKey("After verification");
    }

    @Test
    void resendSendsAFreshLinkWithinItsBudget() {
        String email = Accounts.freshEmail();
        Accounts.register(email, Dashboard.PASSWORD, Accounts.freshClientAddress()).then().statusCode(201);
        Dashboard user = Dashboard.logIn(email, Dashboard.PASSWORD);
        given().cookie("envoyx_session", user.accessToken()).get("/settings/api-keys").then().statusCode(200)
                .body(containsString("id=\"verify-banner\""))
                .body(containsString("id=\"resend-verification\""));

        // The sign-up mail counts against the budget of 5 mails per address and window.
        for (int resent = 0; resent < 4; resent++) {
            user.request().post("/api/v1/auth/verify-email/resend").then().statusCode(202)
                    .body("code", equalTo("VERIFICATION_SENT"));
        }
        user.request().post("/api/v1/auth/verify-email/resend").then().statusCode(429)
                .body("code", equalTo("RATE_LIMIT_EXCEEDED")).header("Retry-After", org.hamcrest.Matchers.notNullValue());

        Mailbox.ReceivedMail fifth = Accounts.mailbox(email).await(VERIFY_SUBJECT, 5, Accounts.MAIL_WAIT);
        given().get(Accounts.pathOf(fifth.firstLink())).then().statusCode(200);
        user.request().post("/api/v1/auth/verify-email/resend").then().statusCode(409);
        given().cookie("envoyx_session", user.accessToken()).get("/settings/api-keys").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("id=\"verify-banner\"")));
    }
}
