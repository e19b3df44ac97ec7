package io.releasegraph.store;

import java.sql.SQLException;

import org.hibernate.exception.ConstraintViolationException;

/** Recognises a unique-key violation (SQLSTATE 23505 on H2 and PostgreSQL alike), however Hibernate wrapped it. */
final class UniqueViolation {

    private static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    /** True when another transaction inserted the same key first. */
    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && SQLSTATE.equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof ConstraintViolationException constraint
                    && SQLSTATE.equals(constraint.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
