package com.envoyx.auth.account.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AdjustableClock;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Registration, login (and its throttling), the two ways to present a session, logout and expiry. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class LoginAndSessionTest {

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void emailIsUniqueWhateverItsCase() {
        Dashboard user = Dashboard.signUp();
        // Answered like a new address (no enumeration), but no second account: the old password still works.
        given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email().toUpperCase(java.util.Locale.ROOT), "password", "another password 123",
                        "name", "Copycat"))
                .post("/api/v1/auth/register")
                .then().statusCode(201).body("code", equalTo("REGISTRATION_RECEIVED"));
        Dashboard.logIn(user.email().toUpperCase(java.util.Locale.ROOT), Dashboard.PASSWORD);
        login(user.email(), "another password 123").then().statusCode(401);
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() {
        Dashboard user = Dashboard.signUp();
        String wrongPassword = login(user.email(), "not the password at all").then().statusCode(401)
                .extract().asString();
        String unknownEmail = login("nobody-" + user.email(), Dashboard.PASSWORD).then().statusCode(401)
                .extract().asString();

        assertEquals(wrongPassword, unknownEmail);
        assertEquals("{\"success\":false,\"status\":401,\"code\":\"INVALID_CREDENTIALS\","
                + "\"message\":\"Invalid email or password.\"}", wrongPassword);
    }

    @Test
    void repeatedFailuresForOneEmailAreThrottled() {
        Dashboard user = Dashboard.signUp();
        for (int i = 0; i < AuthTestProfile.MAX_ATTEMPTS_PER_EMAIL; i++) {
            login(user.email(), "wrong password " + i).then().statusCode(401);
        }
        login(user.email(), "wrong password again").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("RATE_LIMIT_EXCEEDED"))
                .body("message", equalTo("Too many requests. Please try again later."))
                .body("data.retry_after", greaterThan(0));
        login(user.email(), Dashboard.PASSWORD).then().statusCode(429);
    }

    @Test
    void successfulLoginClearsTheEmailsFailures() {
        Dashboard user = Dashboard.signUp();
        for (int i = 0; i < AuthTestProfile.MAX_ATTEMPTS_PER_EMAIL - 1; i++) {
            login(user.email(), "wrong password " + i).then().statusCode(401);
        }
        login(user.email(), Dashboard.PASSWORD).then().statusCode(200);
        for (int i = 0; i < AuthTestProfile.MAX_ATTEMPTS_PER_EMAIL - 1; i++) {
            login(user.email(), "wrong password " + i).then().statusCode(401);
        }
    }

    @Test
    void loginSetsAStrictHttpOnlySessionCookie() {
        Dashboard user = Dashboard.signUp();
        Response login = login(user.email(), Dashboard.PASSWORD);
        String setCookie = login.getHeader("Set-Cookie");

        login.then().statusCode(200).body("data.token_type", equalTo("Bearer"));
        org.hamcrest.MatcherAssert.assertThat(setCookie, containsString("envoyx_session="));
        org.hamcrest.MatcherAssert.assertThat(setCookie, containsString("HttpOnly"));
        org.hamcrest.MatcherAssert.assertThat(setCookie.toLowerCase(java.util.Locale.ROOT),
                containsString("samesite=strict"));
        assertEquals(login.jsonPath().getString("data.access_token"), login.getCookie("envoyx_session"));
    }

    @Test
    void cookieSessionsNeedTheCsrfHeaderToChangeState() {
        Dashboard user = Dashboard.signUp();
        given().cookie("envoyx_session", user.accessToken()).get("/api/v1/api-keys").then().statusCode(200);
        given().cookie("envoyx_session", user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Forged")).post("/api/v1/api-keys")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().cookie("envoyx_session", user.accessToken()).header("X-CSRF-Token", "guess")
                .contentType(ContentType.JSON).body(Map.of("name", "Forged")).post("/api/v1/api-keys")
                .then().statusCode(403);
        given().cookie("envoyx_session", user.accessToken()).header("X-CSRF-Token", user.csrfToken())
                .contentType(ContentType.JSON).body(Map.of("name", "Dashboard Key")).post("/api/v1/api-keys")
                .then().statusCode(201);
    }

    @Test
    void theKeyApiNeedsASession() {
        given().get("/api/v1/api-keys").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED")).body("success", equalTo(false));
        given().header("Authorization", "Bearer not-a-session").get("/api/v1/api-keys").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Basic abc").get("/api/v1/audit-events").then().statusCode(401);
    }

    @Test
    void logoutEndsTheSession() {
        Dashboard user = Dashboard.signUp();
        user.request().get("/api/v1/auth/session").then().statusCode(200)
                .body("data.user.email", equalTo(user.email()))
                .body("data.account.id", equalTo(user.accountId()));

        user.request().post("/api/v1/auth/logout").then().statusCode(200)
                .body("code", equalTo("LOGGED_OUT"))
                .header("Set-Cookie", containsString("Max-Age=0"));

        user.request().get("/api/v1/api-keys").then().statusCode(401);
    }

    @Test
    void sessionsExpireByTheClock() {
        Dashboard user = Dashboard.signUp();
        clock.advance(Duration.ofHours(11));
        user.request().get("/api/v1/api-keys").then().statusCode(200);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        user.request().get("/api/v1/api-keys").then().statusCode(401);
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login");
    }
}
