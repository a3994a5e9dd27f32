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

    private ScratchDatabase(Server server, String name, String adminDatabase) {
        this.server = server;
        this.name = name;
        this.adminDatabase = adminDatabase;
    }

    /** Creates the database through a connection to {@code adminDatabase}. */
    public static ScratchDatabase create(Server server, String adminDatabase) {
        String name = "jpa_migrate_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = server.connect(adminDatabase); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a scratch database: " + e.getMessage(), e);
        }
        return new ScratchDatabase(server, name, adminDatabase);
    }

    /** The server it is on: a failure there is worded for that server. */
    public Server server() {
        return server;
    }

    public String name() {
        return name;
    }

    public Connection connect() {
        return server.connect(name);
    }

    @Override
    public void close() {
        try (Connection c = server.connect(adminDatabase);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException | RuntimeException e) {
            // best effort: a scratch database left behind has a recognisable name and holds nothing of value
        }
    }
}
