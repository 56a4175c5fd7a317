package com.envoyx.auth.error;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL constraint failures underneath Hibernate's wrapping. */
public final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException constraint
                    && UNIQUE_VIOLATION.equals(constraint.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
