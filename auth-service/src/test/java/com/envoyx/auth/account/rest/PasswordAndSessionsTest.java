package com.envoyx.auth.account.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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

/** Password reset by mail, password change, log out everywhere and the idle timeout of sessions. */
@QuarkusTest
@TestProfile(AccountMailProfile.class)
class PasswordAndSessionsTest {

    private static final String RESET_SUBJECT = "Reset your EnvoyX password";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void resetByMailSetsThePasswordOnceAndEndsEverySession() {
        String email = signUp();
        Dashboard laptop = Dashboard.logIn(email, Dashboard.PASSWORD);
        Dashboard phone = Dashboard.logIn(email, Dashboard.PASSWORD);

        String known = requestReset(email);
        String unknown = requestReset(Accounts.freshEmail());
        assertEquals(known, unknown, "the answer must not tell whether the address has an account");

        Mailbox.ReceivedMail mail = Accounts.mailbox(email).await(RESET_SUBJECT, Accounts.MAIL_WAIT);
        assertTrue(mail.firstLink().startsWith("http://dashboard.test/reset-password?token="), mail.firstLink());
        given().get(Accounts.pathOf(mail.firstLink())).then().statusCode(200)
                .body(containsString("id=\"reset-confirm-form\""));
        String token = Accounts.tokenOf(mail.firstLink());

        confirm(token, NEW_PASSWORD).then().statusCode(200).body("code", equalTo("PASSWORD_RESET"));
        confirm(token, "yet another passphrase").then().statusCode(400)
                .body("data.errors[0].field", equalTo("token"));

        laptop.request().get("/api/v1/api-keys").then().statusCode(401);
        phone.request().get("/api/v1/api-keys").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Dashboard.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
        Dashboard back = Dashboard.logIn(email, NEW_PASSWORD);
        // The mail reached its owner, so the address counts as verified.
        back.request().get("/api/v1/auth/session").then().body("data.user.email_verified", equalTo(true));
        List<String> actions = back.request().get("/api/v1/audit-events").then().extract().jsonPath()
                .getList("data.items.action");
        assertTrue(actions.contains("user.password_reset"), actions.toString());
    }

    @Test
    void resetLinksExpire() {
        String email = signUp();
        requestReset(email);
        String token = Accounts.tokenOf(Accounts.mailbox(email).await(RESET_SUBJECT, Accounts.MAIL_WAIT).firstLink());
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        confirm(token, NEW_PASSWORD).then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        String email = signUp();
        Dashboard here = Dashboard.logIn(email, Dashboard.PASSWORD);
        Dashboard elsewhere = Dashboard.logIn(email, Dashboard.PASSWORD);

        here.request().body(Map.of("current_password", "not my password", "new_password", NEW_PASSWORD))
                .post("/api/v1/auth/password")
                .then().statusCode(400).body("data.errors[0].field", equalTo("current_password"));
        here.request().body(Map.of("current_password", Dashboard.PASSWORD, "new_password", "short"))
                .post("/api/v1/auth/password")
                .then().statusCode(400).body("data.errors[0].field", equalTo("new_password"));
        here.request().body(Map.of("current_password", Dashboard.PASSWORD, "new_password", NEW_PASSWORD))
                .post("/api/v1/auth/password")
                .then().statusCode(200).body("code", equalTo("PASSWORD_CHANGED"));

        here.request().get("/api/v1/auth/session").then().statusCode(200);
        elsewhere.request().get("/api/v1/auth/session").then().statusCode(401);
        Dashboard.logIn(email, NEW_PASSWORD);
        Accounts.mailbox(email).await("Your EnvoyX password was changed", Accounts.MAIL_WAIT);
    }

    @Test
    void logOutEverywhereEndsEverySession() {
        String email = signUp();
        Dashboard here = Dashboard.logIn(email, Dashboard.PASSWORD);
        Dashboard elsewhere = Dashboard.logIn(email, Dashboard.PASSWORD);
        here.request().post("/api/v1/auth/logout-everywhere").then().statusCode(200)
                .body("code", equalTo("LOGGED_OUT_EVERYWHERE")).body("data.sessions_ended", equalTo(2))
                .header("Set-Cookie", containsString("Max-Age=0"));
        here.request().get("/api/v1/auth/session").then().statusCode(401);
        elsewhere.request().get("/api/v1/auth/session").then().statusCode(401);
        List<String> actions = Dashboard.logIn(email, Dashboard.PASSWORD).request().get("/api/v1/audit-events")
                .then().extract().jsonPath().getList("data.items.action");
        assertTrue(actions.contains("user.sessions_ended"), actions.toString());
    }

    @Test
    void sessionsEndAfterThirtyIdleMinutes() {
        String email = signUp();
        Dashboard user = Dashboard.logIn(email, Dashboard.PASSWORD);
        clock.advance(Duration.ofMinutes(29));
        user.request().get("/api/v1/auth/session").then().statusCode(200);
        // Used at minute 29, so alive at minute 58, although more than 30 minutes after login.
        clock.advance(Duration.ofMinutes(29));
        user.request().get("/api/v1/auth/session").then().statusCode(200);
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        user.request().get("/api/v1/auth/session").then().statusCode(401);
    }

    private static String signUp() {
        String email = Accounts.freshEmail();
        Accounts.register(email, Dashboard.PASSWORD, Accounts.freshClientAddress()).then().statusCode(201);
        return email;
    }

    private static String requestReset(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/api/v1/auth/password-reset")
                .then().statusCode(202).body("code", equalTo("PASSWORD_RESET_REQUESTED"))
                .extract().body().asString();
    }

    private static io.restassured.response.Response confirm(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "password", password))
                .post("/api/v1/auth/password-reset/confirm");
    }
}
