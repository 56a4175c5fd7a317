package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * Issue 15 item 7: X-Forwarded-For is believed only from the proxies a service is told about.
 * With ENVOYX_TRUST_PROXY=true and no ENVOYX_TRUSTED_PROXIES both services that read the header
 * refuse to start; and a sender that is not a trusted proxy (127.0.0.2 here, while the security
 * suite trusts 127.0.0.1) cannot buy a fresh login budget by writing a new address into the header.
 */
class TrustedProxiesTest {

    /** auth-service's default failed-login budget per client address (ENVOYX_LOGIN_MAX_ATTEMPTS_PER_ADDRESS). */
    private static final int LOGIN_BUDGET_PER_ADDRESS = 100;
    private static final String UNTRUSTED_SENDER = "127.0.0.2";
    /** The one sender the security suite trusts (ENVOYX_TRUSTED_PROXIES=127.0.0.1). */
    private static final String TRUSTED_PROXY = "127.0.0.1";

    @ParameterizedTest
    @ValueSource(strings = {"auth", "invoice"})
    void aServiceTrustingEverySenderRefusesToStart(String service) throws Exception {
        Path work = StartupAttempt.workDirectory();
        try {
            Map<String, String> environment = StartupAttempt.startableEnvironment(work);
            environment.remove("ENVOYX_TRUSTED_PROXIES");
            StartupAttempt.Outcome refused = StartupAttempt.run(service, environment);
            assertFalse(refused.started(), service + " started although it would trust every sender");
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("ENVOYX_TRUST_PROXY=true without ENVOYX_TRUSTED_PROXIES"), refused.output());

            StartupAttempt.Outcome named = StartupAttempt.run(service, StartupAttempt.startableEnvironment(work));
            assertTrue(named.started(), "with the ingress range named, " + service + " starts:\n" + named.output());
        } finally {
            StartupAttempt.delete(work);
        }
    }

    @Test
    void aForwardedAddressFromAnUntrustedSenderBuysNoFreshLoginBudget() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        URI auth = URI.create(suite.url("auth"));
        int status = 0;
        int attempts = 0;
        while (attempts < LOGIN_BUDGET_PER_ADDRESS + 5) {
            attempts++;
            status = failedLoginFrom(UNTRUSTED_SENDER, auth, SecuritySuite.freshClientAddress());
            if (status == 429) {
                break;
            }
            assertEquals(401, status, "attempt " + attempts);
        }
        assertEquals(429, status, "a new X-Forwarded-For on every attempt bought " + attempts + " attempts");
        assertEquals(LOGIN_BUDGET_PER_ADDRESS + 1, attempts, "the untrusted sender's own address was counted");

        // The header works where it is meant to: from the trusted proxy a new client address is a new budget.
        assertEquals(401, failedLoginFrom(TRUSTED_PROXY, auth, SecuritySuite.freshClientAddress()));
        assertEquals(429, failedLoginFrom(UNTRUSTED_SENDER, auth, SecuritySuite.freshClientAddress()));
    }

    /**
     * A failed login over a socket bound to {@code sender} (the JDK's HttpClient cannot choose its
     * source address), for an address nobody has so the per-email budget never binds.
     */
    private static int failedLoginFrom(String sender, URI auth, String forwardedFor) throws IOException {
        byte[] body = ("{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\",\"password\":\"wrong password\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sender, 0));
            socket.connect(new InetSocketAddress(auth.getHost(), auth.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: " + auth.getHost() + ":" + auth.getPort()
                    + "\r\nContent-Type: application/json\r\nX-Forwarded-For: " + forwardedFor
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] statusLine = answer.split("\r\n", 2)[0].split(" ");
            return Integer.parseInt(statusLine[1]);
        }
    }
}
