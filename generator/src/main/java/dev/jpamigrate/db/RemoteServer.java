package dev.jpamigrate.db;

import java.sql.Connection;

/** A server the user named with a URL. */
public final class RemoteServer implements Server {
    private final DbUrl url;
    private boolean swept;
    /** The run's scratch databases here: kept while as created, dropped beside the run (see {@link ScratchPool}). */
    private final ScratchPool scratches = new ScratchPool();

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

    /** The first scratch database of a run on this server also drops those that killed runs left there. */
    @Override
    public synchronized ScratchDatabase createScratch(Cleanup cleanup) {
        ScratchDatabase kept = scratches.take();
        if (kept != null) {
            return kept;
        }
        boolean sweep = !swept;
        swept = true;
        return ScratchDatabase.create(this, url.database(), cleanup, sweep, scratches);
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public void close() {
        scratches.close(); // the kept one dropped, and every drop waited for
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
