package com.envoyx.auth.apikey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.DefaultsProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With no operator token configured the admin API answers as if it did not exist. */
@QuarkusTest
@TestProfile(DefaultsProfile.class)
class AdminApiDisabledTest {

    @Test
    void adminApiIsNotFound() {
        String id = Dashboard.signUp().createKey("Server").getString("id");
        for (String authorization : new String[] {"Bearer ", "Bearer anything"}) {
            given().header("Authorization", authorization).contentType(ContentType.JSON)
                    .body(Map.of("requests_per_minute", 1000))
                    .patch("/api/v1/admin/api-keys/" + id + "/limits")
                    .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        }
    }
}
