package dev.jpamigrate.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session holding session-level advisory locks in the server's shared lock table: as many as PostgreSQL grants,
 * less {@code room}, so that a transaction of more than {@code room}
 * locks overflows it while smaller ones run. The table is full only for the instant PostgreSQL refuses one.
 */
public final class LockFiller implements AutoCloseable {
    private final TestPostgres.Db db = TestPostgres.create();
    private final Connection c;

    public LockFiller(int room) throws SQLException {
        TestPostgres.awaitDrops(); // an earlier test's DROP DATABASE must not meet a full lock table
        c = db.connect();
        int held;
        try (Statement st = c.createStatement()) {
            int from = 0;
            try {
                while (true) {
                    st.execute("select pg_advisory_lock(4242, g) from generate_series(" + from + ", " + (from + 999)
                            + ") g");
                    from += 1000;
                }
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as("%s", e.getMessage()).isEqualTo("53200");
            }
            held = count(st);
            st.execute("select pg_advisory_unlock_all()");
            st.execute("select pg_advisory_lock(4242, g) from generate_series(1, " + Math.max(0, held - room) + ") g");
        }
    }

    private static int count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*) from pg_locks where pid = pg_backend_pid()"
                + " and locktype = 'advisory'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            c.close();
        } finally {
            db.close();
        }
    }
}
