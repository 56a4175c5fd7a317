package com.envoyx.invoice.ops.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.infra.testing.InfraTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI document a client generator reads: the X-API-Key scheme on every /api/v1 operation,
 * parameters, the multipart upload, typed success bodies and the error envelope with its codes.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "envoyx_invoice"))
class OpenApiDocumentTest {

    private static final String UPLOAD = "paths.'/api/v1/invoices/upload'.post";
    private static final String LIST = "paths.'/api/v1/invoices'.get";
    private static final String STATUS = "paths.'/api/v1/invoices/{id}/status'.patch";

    @Test
    void theApiKeySchemeGuardsEveryApiOperationWithTheKeyChainsRefusals() {
        JsonPath doc = document();
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.ApiKeyAuth.type", equalTo("apiKey"))
                .body("components.securitySchemes.ApiKeyAuth.in", equalTo("header"))
                .body("components.securitySchemes.ApiKeyAuth.name", equalTo("X-API-Key"))
                .body("info.description", containsString("invoice.extracted"))
                .body("info.description", containsString("X-EnvoyX-Signature"));
        for (String operation : new String[] {UPLOAD, LIST, STATUS, "paths.'/api/v1/invoices/{id}'.get",
                "paths.'/api/v1/invoices/{id}'.delete", "paths.'/api/v1/invoices/{id}/file'.get",
                "paths.'/api/v1/webhooks'.post", "paths.'/api/v1/me'.get"}) {
            assertHas(doc, operation + ".security[0]", "ApiKeyAuth");
            for (String status : new String[] {"401", "403", "429", "503"}) {
                assertHas(doc, operation + ".responses", status);
            }
            assertTrue(
                    doc.getString(operation + ".responses.'403'.description").contains("INVALID_API_KEY"), operation);
        }
    }

    @Test
    void operationsDeclareTheirParametersBodiesAndTypedAnswers() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(UPLOAD + ".requestBody.content.'multipart/form-data'.schema.'$ref'", endsWith("/UploadForm"))
                .body("components.schemas.UploadForm.properties.file.format", equalTo("binary"))
                .body(UPLOAD + ".parameters.name", hasItem("Idempotency-Key"))
                .body(UPLOAD + ".responses.'201'.content.'application/json'.schema.'$ref'", endsWith("/InvoiceEnvelope"))
                .body(UPLOAD + ".responses", hasKey("413"))
                .body(UPLOAD + ".responses.'415'.description", containsString("UNSUPPORTED_FILE_TYPE"))
                .body(LIST + ".parameters.name", hasItems("page", "page_size", "status_filter"))
                .body(LIST + ".responses.'200'.content.'application/json'.schema.'$ref'", endsWith("/InvoiceListEnvelope"))
                .body("components.schemas.InvoiceListEnvelope.properties.code.enum", hasItem("INVOICES_FETCHED"))
                .body(STATUS + ".requestBody.content.'application/json'.schema.'$ref'", endsWith("/StatusChange"))
                .body(STATUS + ".responses.'409'.description", containsString("INVALID_STATUS_TRANSITION"))
                .body(STATUS + ".responses.'409'.content.'application/json'.schema.'$ref'", endsWith("/ErrorEnvelope"))
                .body("components.schemas.InvoiceView.properties", hasKey("processed_at"))
                .body("components.schemas.InvoiceView.properties", hasKey("validation"))
                .body("components.schemas.ExtractedContent.properties", hasKey("line_items"))
                .body("components.schemas.ErrorEnvelope.properties.code.enum",
                        hasItems("MISSING_API_KEY", "INVALID_STATUS_TRANSITION", "FILE_TOO_LARGE"))
                .body("paths.'/api/v1/invoices/{id}/file'.get.responses.'200'.content", hasKey("application/pdf"))
                .body(UPLOAD + ".operationId", notNullValue());
    }

    /** What generating a client found (system-tests' GeneratedClientTest): shapes that made the client wrong. */
    @Test
    void noServerSideTypeLeaksIntoTheDocument() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                // The download's Vert.x RoutingContext was once read as a JSON request body of the GET.
                .body("paths.'/api/v1/invoices/{id}/file'.get", not(hasKey("requestBody")))
                .body("components.schemas", not(hasKey("RoutingContext")))
                // The inferred List<FileUpload> was once merged beside the UploadForm $ref (file optional, an array).
                .body(UPLOAD + ".requestBody.content.'multipart/form-data'.schema", not(hasKey("properties")))
                // A one-value boolean enum becomes an enum type in generated clients.
                .body("components.schemas.ErrorEnvelope.properties.success", not(hasKey("enum")));
    }

    private static JsonPath document() {
        return given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    private static void assertHas(JsonPath doc, String path, String key) {
        Map<String, Object> map = doc.getMap(path);
        assertNotNull(map, path + " is missing");
        assertTrue(map.containsKey(key), path + " lacks " + key + ": " + map.keySet());
    }
}
