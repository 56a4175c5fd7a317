package com.envoyx.auth.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A registered, logged-in dashboard user, driving the HTTP API like the dashboard would. */
public record Dashboard(String email, String password, String accessToken, String csrfToken, String accountId) {

    public static final String PASSWORD = "correct horse battery staple";

    public static Dashboard signUp() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Acme " + email))
                .post("/api/v1/auth/register")
                .then().statusCode(201);
        return logIn(email, PASSWORD);
    }

    public static Dashboard logIn(String email, String password) {
        JsonPath login = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().jsonPath();
        return new Dashboard(email, password, login.getString("data.access_token"),
                login.getString("data.csrf_token"), login.getString("data.account.id"));
    }

    public RequestSpecification request() {
        return given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON);
    }

    /** Creates a key and returns the create response's data. */
    public JsonPath createKey(Map<String, Object> body) {
        return request().body(body).post("/api/v1/api-keys")
                .then().statusCode(201)
                .extract().jsonPath().setRootPath("data");
    }

    public JsonPath createKey(String name) {
        return createKey(Map.of("name", name));
    }
}
