package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.infra.Directories;
import com.envoyx.infra.Ports;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.UnknownFieldSet;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Issue 15 item 11: with {@code ENVOYX_INTERNAL_TLS=true} every internal call of the launched suite
 * runs on TLS with certificates this test makes (a CA of its own and a server certificate for
 * 127.0.0.1, in the files a cert-manager Secret holds): a customer's key works end to end (upload,
 * list, usage: invoice-service -> auth-service and ratelimit-service, auth-service ->
 * ratelimit-service, JWKS over https), while a plaintext caller and a caller that does not trust the
 * CA are refused on both gRPC ports and on the JWKS port.
 */
class InternalTransportTlsTest {

    /** How a gRPC call fails when the TLS handshake never completes. */
    private static final Set<Status.Code> NOT_CONNECTED = Set.of(Status.Code.UNAVAILABLE, Status.Code.INTERNAL,
            Status.Code.UNKNOWN);
    private static final String JWKS = "/.well-known/jwks.json";

    private static Path work;
    private static TestCertificateAuthority authority;
    private static TestCertificateAuthority stranger;
    private static int httpsPort;
    private static LaunchedSuite suite;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("envoyx-tls-");
        authority = TestCertificateAuthority.create(work, "envoyx-test-ca");
        TestCertificateAuthority.ServerCertificate server = authority.issue("internal", "ip:127.0.0.1,dns:localhost");
        // Signs a certificate for the same names: only which CA a caller trusts tells them apart.
        stranger = TestCertificateAuthority.create(work, "stranger-ca");
        httpsPort = Ports.freePort();
        suite = LaunchedSuite.start(Map.of(
                "ENVOYX_INTERNAL_TLS", "true",
                "ENVOYX_TLS_CERT", server.certificate().toString(),
                "ENVOYX_TLS_KEY", server.key().toString(),
                "ENVOYX_TLS_CA", authority.caCertificate().toString(),
                "ENVOYX_AUTH_HTTPS_PORT", Integer.toString(httpsPort)));
        SharedSuite.awaitFirstKeyExchange(suite);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
        Directories.deleteRecursively(work);
    }

    @Test
    void aValidKeyWorksEndToEndOverTls() throws Exception {
        assertTrue(suite.contains("internal calls on TLS: gRPC ports and JWKS at https://127.0.0.1:" + httpsPort + JWKS),
                "the launcher points verifiers at the HTTPS JWKS:\n" + suite.tail());
        SuiteClient client = new SuiteClient(suite);
        String session = client.newAccountSession();
        SuiteClient.CreatedKey key = client.createKey(session, "Over TLS");

        HttpResponse<String> upload = InvoiceUpload.send(suite.url("invoice"), key.key(), "tls-invoice");
        assertEquals(201, upload.statusCode(), upload.body());
        String invoiceId = SuiteClient.json(upload.body()).path("data").path("id").asText();

        HttpResponse<String> list = SuiteClient.get(suite.url("invoice") + "/api/v1/invoices", Map.of("X-API-Key", key.key()));
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains(invoiceId), list.body());

        // auth-service asks ratelimit-service over TLS for the key's counters.
        HttpResponse<String> usage = SuiteClient.get(suite.url("auth") + "/api/v1/api-keys/" + key.id() + "/usage",
                Map.of("Authorization", "Bearer " + session));
        assertEquals(200, usage.statusCode(), usage.body());
        // Without an answer from ratelimit-service the report says usage_available false.
        JsonNode data = SuiteClient.json(usage.body()).path("data");
        assertTrue(data.path("usage_available").asBoolean(), usage.body());
    }

    @Test
    void theKeyExchangeAnswersOnlyCallersThatTrustTheCa() {
        int port = suite.port("ENVOYX_AUTH_GRPC_PORT");
        UnknownFieldSet request = InternalRpc.exchangeRequest(
                ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom()));
        assertNotConnected(InternalRpc.channel(port), InternalRpc.EXCHANGE, request);
        assertNotConnected(InternalRpc.tlsChannel(port, stranger.caCertificate()), InternalRpc.EXCHANGE, request);
        ManagedChannel trusting = InternalRpc.tlsChannel(port, authority.caCertificate());
        try {
            UnknownFieldSet answer = InternalRpc.call(trusting, InternalRpc.EXCHANGE, request);
            assertEquals(1, InternalRpc.varintField(answer, 2), "an unknown key is rejected as INVALID: " + answer);
        } finally {
            trusting.shutdownNow();
        }
    }

    @Test
    void theRateLimiterAnswersOnlyCallersThatTrustTheCa() {
        int port = suite.port("ENVOYX_RATELIMIT_GRPC_PORT");
        UnknownFieldSet request = InternalRpc.checkRequest("");
        assertNotConnected(InternalRpc.channel(port), InternalRpc.CHECK, request);
        assertNotConnected(InternalRpc.tlsChannel(port, stranger.caCertificate()), InternalRpc.CHECK, request);
        ManagedChannel trusting = InternalRpc.tlsChannel(port, authority.caCertificate());
        try {
            // Answered by the service itself: it read the (missing) token and refused it.
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> InternalRpc.call(trusting, InternalRpc.CHECK, request));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), refused.toString());
        } finally {
            trusting.shutdownNow();
        }
    }

    @Test
    void theJwksIsServedOverTlsToCallersThatTrustTheCa() throws Exception {
        URI jwks = URI.create("https://127.0.0.1:" + httpsPort + JWKS);
        HttpResponse<String> keys = client(authority.caCertificate()).send(HttpRequest.newBuilder(jwks).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, keys.statusCode(), keys.body());
        assertTrue(SuiteClient.json(keys.body()).path("keys").size() > 0, keys.body());
        HttpClient untrusting = client(stranger.caCertificate());
        assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(jwks).build(),
                HttpResponse.BodyHandlers.ofString()), "a caller that does not trust the CA must not get the keys");
    }

    private static void assertNotConnected(ManagedChannel channel, String method, UnknownFieldSet request) {
        try {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> InternalRpc.call(channel, method, request), method + " answered a caller without the CA");
            assertTrue(NOT_CONNECTED.contains(refused.getStatus().getCode()),
                    method + " reached the service: " + refused.getStatus());
        } finally {
            channel.shutdownNow();
        }
    }

    private static HttpClient client(Path caCertificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
