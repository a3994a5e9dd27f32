package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** A PostgreSQL started for one run from the binaries in the jar, and discarded afterwards. */
public final class EmbeddedServer implements Server {
    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedServer start() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // durability is worthless for a throwaway cluster, and costs time
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            return new EmbeddedServer(pg);
        } catch (IOException | RuntimeException e) {
            throw new MigrateException("cannot start the embedded PostgreSQL: " + e.getMessage()
                    + ". Pass --url to use a running server instead", e);
        }
    }

    @Override
    public Connection connect(String database) {
        try {
            return postgres.getDatabase("postgres", database).getConnection();
        } catch (SQLException e) {
            throw new MigrateException("cannot connect to the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public ScratchDatabase createScratch() {
        return ScratchDatabase.create(this, "postgres");
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the process is gone either way
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL";
    }
}
