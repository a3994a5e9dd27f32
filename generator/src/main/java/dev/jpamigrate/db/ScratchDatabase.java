package dev.jpamigrate.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A uniquely named database that exists only for the duration of one operation. */
public final class ScratchDatabase implements AutoCloseable {
    private final Server server;
    private final String name;
    private final String adminDatabase;
    private Cleanup.Entry entry;

    private ScratchDatabase(Server server, String name, String adminDatabase) {
        this.server = server;
        this.name = name;
        this.adminDatabase = adminDatabase;
    }

    /**
     * Creates the database through a connection to {@code adminDatabase}, registered with {@code cleanup} so that an
     * interrupted run drops it too.
     */
    public static ScratchDatabase create(Server server, String adminDatabase, Cleanup cleanup) {
        String name = "jpa_migrate_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ScratchDatabase db = new ScratchDatabase(server, name, adminDatabase);
        try {
            db.create(cleanup);
        } catch (SQLException e) {
            db.close();
            throw new IllegalStateException("cannot create a scratch database: " + e.getMessage(), e);
        }
        return db;
    }

    private synchronized void create(Cleanup cleanup) throws SQLException {
        // registered first: an interruption between CREATE DATABASE and the registration would leave it behind. The
        // hook's drop waits for this monitor, so it cannot run before the CREATE it would have to undo.
        entry = cleanup.add("scratch database " + name, this::drop);
        try (Connection c = server.connect(adminDatabase); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        }
    }

    public String name() {
        return name;
    }

    public Connection connect() {
        return server.connect(name);
    }

    @Override
    public void close() {
        entry.close();
    }

    /**
     * Drops the database from a fresh connection, ending whatever sessions still use it: the main thread's, when the
     * shutdown hook drops it mid-query.
     */
    private synchronized void drop() {
        try (Connection c = server.connect(adminDatabase); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException | RuntimeException e) {
            // best effort: a scratch database left behind has a recognisable name and holds nothing of value
        }
    }
}
