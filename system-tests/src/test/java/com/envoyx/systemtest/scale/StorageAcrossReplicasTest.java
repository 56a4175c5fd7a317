package com.envoyx.systemtest.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceLedger;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one replica stores, the other serves: an invoice uploaded through either replica is
 * listed, read and downloaded byte for byte through the other, and deleted through the other
 * it is gone from both and from the bucket. Nothing is written to a local directory: the
 * replicas share only PostgreSQL and the S3-compatible store.
 */
@ExtendWith(ScaleFleet.class)
class StorageAcrossReplicasTest {

    @Test
    void anUploadThroughOneReplicaIsReadAndDownloadedThroughTheOther(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        String key = client.createKey(client.newAccountSession(), "Two replicas, one bucket").key();
        List<ServiceInstance> replicas = fleet.invoices();
        for (int from = 0; from < replicas.size(); from++) {
            ServiceInstance writer = replicas.get(from);
            ServiceInstance reader = replicas.get((from + 1) % replicas.size());
            byte[] pdf = SamplePdf.invoice("across-" + UUID.randomUUID(), 64 * 1024);
            String fileName = "through-" + writer.name() + ".pdf";

            HttpResponse<String> uploaded = ReplicaCalls.upload(writer, key, fileName, pdf);
            assertEquals(201, uploaded.statusCode(), ReplicaCalls.describe(uploaded));
            String id = ReplicaCalls.json(uploaded).path("data").path("id").asText();

            InvoiceLedger.Row row = fleet.ledger().row(UUID.fromString(id)).orElseThrow();
            assertTrue(fleet.ledger().blobKeys().contains(row.blobKey()), "the object is in the shared bucket: " + row);

            HttpResponse<String> read = ReplicaCalls.get(reader, key, "/api/v1/invoices/" + id);
            assertEquals(200, read.statusCode(), ReplicaCalls.describe(read));
            JsonNode invoice = ReplicaCalls.json(read).path("data");
            assertEquals(fileName, invoice.path("file_name").asText());
            assertEquals(pdf.length, invoice.path("file_size").asLong());
            assertEquals(sha256(pdf), invoice.path("sha256").asText());

            JsonNode listed = ReplicaCalls.json(ReplicaCalls.get(reader, key, "/api/v1/invoices?page_size=100")).path("data");
            assertTrue(listed.path("invoices").findValuesAsText("id").contains(id), reader.name() + " lists it: " + listed);

            HttpResponse<byte[]> file = ReplicaCalls.file(reader, key, id);
            assertEquals(200, file.statusCode(), reader.name());
            assertEquals("application/pdf", file.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(pdf, file.body(), reader.name() + " serves other bytes than " + writer.name() + " stored");

            HttpResponse<String> deleted = ReplicaCalls.delete(reader, key, id);
            assertEquals(200, deleted.statusCode(), ReplicaCalls.describe(deleted));
            HttpResponse<String> gone = ReplicaCalls.get(writer, key, "/api/v1/invoices/" + id);
            assertEquals(404, gone.statusCode(), ReplicaCalls.describe(gone));
            assertFalse(fleet.ledger().blobKeys().contains(row.blobKey()), "the object left the bucket with the invoice");
        }
        assertFalse(Files.exists(fleet.blobDirectory()), "with S3 storage no replica writes a blob directory");
        assertEquals(List.of(), fleet.ledger().rowsWithoutBlob(), "rows whose object is missing from the bucket");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
