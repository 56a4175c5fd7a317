package com.envoyx.systemtest.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The documentation's own examples, run as written against the packaged suite: the curl
 * upload, the JavaScript fetch with FormData (Node), and the Python requests upload.
 */
class SeedExamplesTest {

    private static final String NODE_EXAMPLE = """
            import fs from 'node:fs'
            const apiKey = process.env.ENVOYX_API_KEY
            const formData = new FormData()
            formData.append('file', new Blob([fs.readFileSync('invoice.pdf')]), 'invoice.pdf')
            const response = await fetch(process.env.ENVOYX_UPLOAD_URL, {
              method: 'POST',
              headers: {
                'X-API-Key': apiKey,
              },
              body: formData,
            })
            const data = await response.json()
            console.log(JSON.stringify(data))
            """;

    private static final String PYTHON_EXAMPLE = """
            import json
            import os
            import requests
            api_key = os.getenv('ENVOYX_API_KEY')
            with open('invoice.pdf', 'rb') as file:
                response = requests.post(
                    os.getenv('ENVOYX_UPLOAD_URL'),
                    headers={'X-API-Key': api_key},
                    files={'file': file}
                )
            data = response.json()
            print(json.dumps(data))
            """;

    @TempDir
    static Path workDirectory;

    private static LaunchedSuite suite;
    private static String apiKey;
    private static byte[] invoice;

    @BeforeAll
    static void createKeyAndInvoice() throws Exception {
        suite = SharedSuite.get();
        SuiteClient client = new SuiteClient(suite);
        apiKey = client.createKey(client.newAccountSession(), "Production Server").key();
        invoice = SamplePdf.invoice("seed-examples");
        Files.write(workDirectory.resolve("invoice.pdf"), invoice);
    }

    @Test
    void curlUpload() throws Exception {
        String output = run(List.of("curl", "-sS", "-X", "POST", uploadUrl(),
                "-H", "X-API-Key: " + apiKey, "-F", "file=@invoice.pdf"), Map.of());

        assertUploaded(SuiteClient.json(output));
    }

    @Test
    void javascriptFetchWithFormData() throws Exception {
        Path script = workDirectory.resolve("upload.mjs");
        Files.writeString(script, NODE_EXAMPLE);

        String output = run(List.of("node", script.toString()),
                Map.of("ENVOYX_API_KEY", apiKey, "ENVOYX_UPLOAD_URL", uploadUrl()));

        assertUploaded(SuiteClient.json(output));
    }

    @Test
    void pythonRequestsUpload() throws Exception {
        Path script = workDirectory.resolve("upload.py");
        Files.writeString(script, PYTHON_EXAMPLE);

        // Debian's python3 with python3-requests, as .ci/run installs it.
        String output = run(List.of("/usr/bin/python3", script.toString()),
                Map.of("ENVOYX_API_KEY", apiKey, "ENVOYX_UPLOAD_URL", uploadUrl()));

        assertUploaded(SuiteClient.json(output));
    }

    private static void assertUploaded(JsonNode body) throws NoSuchAlgorithmException {
        assertEquals(true, body.path("success").asBoolean(), body.toString());
        assertEquals(201, body.path("status").asInt(), body.toString());
        assertEquals("INVOICE_UPLOADED", body.path("code").asText(), body.toString());
        JsonNode data = body.path("data");
        assertEquals("invoice.pdf", data.path("file_name").asText());
        assertEquals(invoice.length, data.path("file_size").asLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(invoice)), data.path("sha256").asText());
        assertEquals("PENDING", data.path("status").asText());
        assertTrue(data.hasNonNull("id") && data.hasNonNull("uploaded_at"), data.toString());
    }

    private static String uploadUrl() {
        return suite.url("invoice") + "/api/v1/invoices/upload";
    }

    private static String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command.get(0) + " did not finish");
        assertEquals(0, process.exitValue(), command.get(0) + " failed: " + errors + output);
        return output.trim();
    }
}
