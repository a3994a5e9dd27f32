package dev.jpamigrate.db;

import java.sql.Connection;

/** A server the user named with a URL. */
public final class RemoteServer implements Server {
    private final DbUrl url;

    public RemoteServer(DbUrl url) {
        this.url = url;
    }

    public DbUrl url() {
        return url;
    }

    @Override
    public Connection connect(String database) {
        return Connections.open(url.withDatabase(database));
    }

    @Override
    public String database() {
        return url.database();
    }

    @Override
    public ScratchDatabase createScratch(Cleanup cleanup) {
        return ScratchDatabase.create(this, url.database(), cleanup);
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
