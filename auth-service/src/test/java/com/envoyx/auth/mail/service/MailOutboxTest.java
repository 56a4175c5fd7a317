package com.envoyx.auth.mail.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AccountMailProfile;
import com.envoyx.auth.testing.Accounts;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.MailServerTestResource;
import com.envoyx.auth.testing.ServiceDatabase;
import com.envoyx.infra.mail.Mailbox;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The outbox: a mail is a row written with the change, kept and retried while the SMTP server is
 * away, delivered once it is back, then deleted; its link cannot be read from the row.
 */
@QuarkusTest
@TestProfile(AccountMailProfile.class)
class MailOutboxTest {

    @AfterEach
    void mailServerBack() {
        MailServerTestResource.startServer();
    }

    @Test
    void mailWaitsWhileSmtpIsDownAndIsSentWhenItReturns() throws Exception {
        MailServerTestResource.stopServer();
        String email = Accounts.freshEmail();
        Accounts.register(email, Dashboard.PASSWORD, Accounts.freshClientAddress()).then().statusCode(201);

        awaitRow(email, "a failed attempt", row -> row.attempts() >= 1);
        OutboxRow pending = row(email);
        assertFalse(new String(pending.sealedData(), StandardCharsets.ISO_8859_1).contains("verify-email?token="),
                "the link must be sealed in the outbox");

        MailServerTestResource.startServer();
        // The retry waits back off from 2 s; the first ones come again within seconds.
        Mailbox.ReceivedMail mail = Accounts.mailbox(email).await("Verify your email address", Duration.ofSeconds(30));
        assertTrue(mail.firstLink().contains("/verify-email?token="));
        awaitRow(email, "deletion after delivery", row -> row == null);
    }

    record OutboxRow(int attempts, byte[] sealedData) {
    }

    private static void awaitRow(String email, String what, java.util.function.Predicate<OutboxRow> condition)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.test(row(email))) {
            assertTrue(Instant.now().isBefore(deadline), "outbox row of " + email + ": no " + what);
            Thread.sleep(200);
        }
    }

    private static OutboxRow row(String email) throws SQLException {
        try (Connection db = ServiceDatabase.connect();
             PreparedStatement query = db.prepareStatement(
                     "SELECT attempts, sealed_data FROM mail_outbox WHERE recipient = ?")) {
            query.setString(1, email);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                OutboxRow row = new OutboxRow(rows.getInt(1), rows.getBytes(2));
                assertFalse(rows.next());
                return row;
            }
        }
    }
}
