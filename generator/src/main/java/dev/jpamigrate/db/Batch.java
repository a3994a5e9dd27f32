package dev.jpamigrate.db;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

/**
 * Runs many statements in the caller's transaction without a round trip per statement: a schema of 300 tables is
 * about 1,000 statements, and pgjdbc sends a JDBC batch together and waits for the answers once. A rejected statement
 * is then found by running the batch again one statement at a time from a savepoint, so the error names the statement.
 */
public final class Batch {
    private Batch() {
    }

    /** A statement PostgreSQL rejected: the statement, and the server's error as its cause. */
    public static final class Rejected extends SQLException {
        private final String statement;

        Rejected(String statement, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.statement = statement;
        }

        public String statement() {
            return statement;
        }
    }

    /**
     * Runs {@code statements} in order in the open transaction of {@code c} (auto-commit must be off). On failure the
     * transaction is as it was before the call, and {@link Rejected} says which statement failed.
     */
    public static void run(Connection c, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        if (c.getAutoCommit()) {
            throw new IllegalStateException("a batch runs inside the caller's transaction");
        }
        Savepoint before = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.addBatch(statement);
            }
            st.executeBatch();
        } catch (BatchUpdateException e) {
            c.rollback(before);
            throw rejected(c, statements, e);
        }
        c.releaseSavepoint(before);
    }

    /** One at a time, to name the statement that fails; undone again whatever happens. */
    private static SQLException rejected(Connection c, List<String> statements, BatchUpdateException batch)
            throws SQLException {
        Savepoint again = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            for (String statement : statements) {
                try {
                    st.execute(statement);
                } catch (SQLException e) {
                    return new Rejected(statement, e);
                }
            }
        } finally {
            c.rollback(again);
        }
        // the batch failed and no single statement does: report the batch's own error
        SQLException next = batch.getNextException();
        return next != null ? next : batch;
    }
}
