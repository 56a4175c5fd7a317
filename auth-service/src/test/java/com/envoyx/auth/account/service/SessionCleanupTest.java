package com.envoyx.auth.account.service;

import static com.envoyx.auth.testing.OnVertxContext.onVertxContext;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AdjustableClock;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.ServiceDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Expired sessions do not pile up: the hourly job deletes them, and only them. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class SessionCleanupTest {

    @Inject
    SessionService sessions;

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void expiredSessionsAreDeletedAndLiveOnesKept() throws SQLException {
        Dashboard early = Dashboard.signUp();
        clock.advance(Duration.ofHours(6));
        Dashboard later = Dashboard.signUp();
        clock.advance(Duration.ofHours(6).plusSeconds(1));

        onVertxContext(sessions::removeExpiredSessions);

        assertEquals(0, sessionsOf(early.email()));
        assertEquals(1, sessionsOf(later.email()));
    }

    private static int sessionsOf(String email) throws SQLException {
        try (Connection db = ServiceDatabase.connect();
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?")) {
            query.setString(1, email);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
