package dev.jpamigrate.db;

import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a server named by URL, a run's scratch database that its user left as created is used again instead of dropped
 * and created again (each DROP DATABASE waits for a checkpoint of the whole server), the others are dropped beside the
 * run, and none is left once the run ends.
 */
class ScratchPoolTest {
    @Test
    void aScratchDatabaseLeftAsCreatedIsUsedAgainAndNoneOutlivesTheRun() throws SQLException {
        try (TestPostgres.Db admin = TestPostgres.create(); Cleanup cleanup = Cleanup.onExit(line -> { })) {
            RemoteServer server = new RemoteServer(admin.url());
            String first;
            String second;
            String third;
            try {
                ScratchDatabase a = server.createScratch(cleanup);
                first = a.name();
                try (Connection c = a.connect()) {
                    c.setAutoCommit(false);
                    execute(c, "CREATE TABLE t (id int)");
                    c.rollback();
                }
                a.asCreated();
                a.close();
                assertThat(exists(admin, first)).as("kept for the run's next scratch database").isTrue();

                ScratchDatabase b = server.createScratch(cleanup);
                second = b.name();
                assertThat(second).as("the kept one, handed out again").isEqualTo(first);
                try (Connection c = b.connect()) {
                    assertThat(count(c, "SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 't'")).isZero();
                    execute(c, "CREATE TABLE t (id int)"); // committed: no longer as created
                }
                b.close();

                ScratchDatabase c = server.createScratch(cleanup);
                third = c.name();
                assertThat(third).as("a database something was committed to is not used again").isNotEqualTo(first);
                c.asCreated();
                c.close();
            } finally {
                server.close();
            }
            assertThat(exists(admin, first)).as("dropped beside the run, waited for as it ended").isFalse();
            assertThat(exists(admin, third)).as("the kept one is dropped as the run ends").isFalse();
        }
    }

    @Test
    void withoutAPoolAScratchDatabaseIsDroppedWhenClosedAsCreatedOrNot() {
        try (TestPostgres.Db admin = TestPostgres.create(); Cleanup cleanup = Cleanup.onExit(line -> { })) {
            RemoteServer server = new RemoteServer(admin.url());
            ScratchDatabase db = ScratchDatabase.create(server, admin.name(), cleanup, false);
            db.asCreated();
            db.close();
            assertThat(exists(admin, db.name())).isFalse();
        }
    }

    private static boolean exists(TestPostgres.Db admin, String name) {
        try (Connection c = admin.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_catalog.pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
