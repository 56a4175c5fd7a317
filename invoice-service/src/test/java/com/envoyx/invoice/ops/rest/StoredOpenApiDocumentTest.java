package com.envoyx.invoice.ops.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.envoyx.infra.testing.InfraTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document stored in the repository, from which system-tests generate a client, is
 * the one the service serves at {@code /q/openapi}. The annotations and the filter stay the one
 * source; the stored file is their copy, and this test is what keeps it from drifting. When the
 * API changed on purpose, the served document is left in {@code target/openapi/} to be copied over
 * the stored one (the failure says how).
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "envoyx_invoice"))
class StoredOpenApiDocumentTest {

    static final Path STORED = Path.of("src/main/openapi/envoyx-invoice-api.yaml");
    static final Path SERVED = Path.of("target/openapi/envoyx-invoice-api.yaml");

    @Test
    void theStoredDocumentIsTheServedOne() throws IOException {
        // Bytes, not RestAssured's text: YAML is served without a charset and must be read as UTF-8.
        String served = new String(given().when().get("/q/openapi?format=yaml").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        String stored = Files.exists(STORED) ? Files.readString(STORED, StandardCharsets.UTF_8) : "";
        if (served.equals(stored)) {
            return;
        }
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, served, StandardCharsets.UTF_8);
        fail("invoice-service/" + STORED + " differs from what /q/openapi serves " + firstDifference(stored, served)
                + ". If the API changed on purpose: cp invoice-service/" + SERVED + " invoice-service/" + STORED
                + " (and regenerate the client: system-tests builds it from the stored file).");
    }

    private static String firstDifference(String stored, String served) {
        List<String> storedLines = stored.lines().toList();
        List<String> servedLines = served.lines().toList();
        for (int i = 0; i < Math.max(storedLines.size(), servedLines.size()); i++) {
            String was = i < storedLines.size() ? storedLines.get(i) : "<end of file>";
            String is = i < servedLines.size() ? servedLines.get(i) : "<end of document>";
            if (!was.equals(is)) {
                return "from line " + (i + 1) + ": stored [" + was + "], served [" + is + "]";
            }
        }
        return "in line endings or the final newline";
    }
}
