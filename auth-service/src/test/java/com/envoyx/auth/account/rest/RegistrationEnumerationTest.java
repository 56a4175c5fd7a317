package com.envoyx.auth.account.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AccountMailProfile;
import com.envoyx.auth.testing.Accounts;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.ServiceDatabase;
import com.envoyx.infra.mail.Mailbox;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Registration does not tell whether an address has an account: the same status and body, and
 * about the same time, for a new and a taken address; the owner of a taken one gets a mail.
 */
@QuarkusTest
@TestProfile(AccountMailProfile.class)
class RegistrationEnumerationTest {

    private static final int ROUNDS = 8;

    @Test
    void aTakenAddressIsAnsweredLikeANewOneAndItsOwnerIsTold() throws SQLException {
        String owner = Accounts.freshEmail();
        Response first = Accounts.register(owner, Dashboard.PASSWORD, Accounts.freshClientAddress());
        Response again = Accounts.register(owner.toUpperCase(Locale.ROOT), "someone else's password",
                Accounts.freshClientAddress());

        assertEquals(first.statusCode(), again.statusCode());
        assertEquals(201, again.statusCode());
        assertEquals(first.body().asString(), again.body().asString());
        assertEquals(1, usersWithEmail(owner));
        Mailbox.ReceivedMail told = Accounts.mailbox(owner).await("You already have an EnvoyX account", Accounts.MAIL_WAIT);
        assertTrue(told.text().contains("no second one was created"), told.text());
        assertTrue(told.text().contains("http://dashboard.test/reset-password"), told.text());
        Dashboard.logIn(owner, Dashboard.PASSWORD);
    }

    @Test
    void newAndTakenAddressesTakeTheSameTime() {
        String taken = Accounts.freshEmail();
        Accounts.register(taken, Dashboard.PASSWORD, Accounts.freshClientAddress()).then().statusCode(201);
        List<Long> fresh = new ArrayList<>();
        List<Long> existing = new ArrayList<>();
        // Each address of its own, so the per-address sign-up budget never answers instead.
        for (int i = 0; i < ROUNDS; i++) {
            fresh.add(timed(Accounts.freshEmail()));
            existing.add(timed(taken));
        }
        long freshMedian = median(fresh);
        long takenMedian = median(existing);
        System.out.printf("registration median: new %d ms, taken %d ms%n", freshMedian, takenMedian);
        // Both hash the password with the deployed Argon2 cost; the shared machine makes only a ratio safe to assert.
        assertTrue(Math.max(freshMedian, takenMedian) <= 2 * Math.max(1, Math.min(freshMedian, takenMedian)),
                "new " + fresh + " vs taken " + existing);
    }

    private static long timed(String email) {
        long start = System.nanoTime();
        Accounts.register(email, Dashboard.PASSWORD, Accounts.freshClientAddress()).then().statusCode(201);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static int usersWithEmail(String email) throws SQLException {
        try (Connection db = ServiceDatabase.connect();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM users WHERE lower(email) = lower(?)")) {
            query.setString(1, email);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
