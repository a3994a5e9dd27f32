package dev.jpamigrate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A uniquely named database that exists only for the duration of one operation.
 *
 * <p>Its name is {@code jpa_migrate_scratch_} and 16 hex digits, a 64-bit key. From before the database is created
 * until after it is dropped, its creator holds the session-level advisory lock on that key, on a connection of its own
 * to the admin database; the lock goes with that session, also when the process is killed. A database of this naming
 * that no session is connected to, and whose key nobody holds, belongs to no live run: the next run on the server
 * drops it ({@link #ORPHANS}).
 */
public final class ScratchDatabase implements AutoCloseable {
    static final String PREFIX = "jpa_migrate_scratch_";

    /** The names this class gives; nothing else is ever dropped by a sweep, whatever a catalog query returns. */
    static final Pattern NAME = Pattern.compile("jpa_migrate_scratch_[0-9a-f]{16}");

    /**
     * Scratch databases left by killed runs: of this naming (not the 12 digits of versions that held no lock, which
     * nothing can tell from databases still in use), no session connected, and the creator's lock not held. An advisory
     * lock on a bigint key shows in pg_locks as its high half in classid and its low half in objid; pg_locks and
     * pg_stat_activity cover every database of the server. The lock is taken before CREATE DATABASE, so a database this
     * query's snapshot sees was locked before it looked. The key is compared as text, so that no name can make a cast
     * fail.
     */
    static final String ORPHANS = """
            SELECT d.datname
            FROM pg_catalog.pg_database d
            WHERE d.datname ~ '^jpa_migrate_scratch_[0-9a-f]{16}$'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid)
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_locks l
                              WHERE l.locktype = 'advisory' AND l.objsubid = 1
                                AND 'jpa_migrate_scratch_' || lpad(to_hex(l.classid::bigint), 8, '0')
                                    || lpad(to_hex(l.objid::bigint), 8, '0') = d.datname)
            ORDER BY d.datname
            """;

    private final Server server;
    private final String name;
    private final String adminDatabase;
    /** Holds the advisory lock; used only under this object's monitor, so the shutdown hook may use it too. */
    private final Connection owner;
    /** Where {@link #close()} leaves it: kept for the run's next scratch database, or dropped beside the run; or null. */
    private final ScratchPool pool;
    private Cleanup.Entry entry;
    /** Its user rolled back everything it did: it is as created. */
    private boolean asCreated;

    private ScratchDatabase(Server server, String name, String adminDatabase, Connection owner, ScratchPool pool) {
        this.server = server;
        this.name = name;
        this.adminDatabase = adminDatabase;
        this.owner = owner;
        this.pool = pool;
    }

    /**
     * Creates the database through a connection to {@code adminDatabase}, registered with {@code cleanup} so that an
     * interrupted run drops it too. With {@code sweep}, first drops what killed runs left on the server.
     */
    public static ScratchDatabase create(Server server, String adminDatabase, Cleanup cleanup, boolean sweep) {
        return create(server, adminDatabase, cleanup, sweep, null);
    }

    /** As above; {@code pool} (may be null) keeps it or drops it when it is closed ({@link ScratchPool}). */
    static ScratchDatabase create(Server server, String adminDatabase, Cleanup cleanup, boolean sweep,
                                  ScratchPool pool) {
        Connection owner = server.connect(adminDatabase);
        ScratchDatabase db = null;
        try {
            long key = ThreadLocalRandom.current().nextLong();
            try (PreparedStatement st = owner.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                st.setLong(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        throw new SQLException("advisory lock " + key + " is held by another session");
                    }
                }
            }
            if (sweep) {
                sweep(owner, cleanup);
            }
            db = new ScratchDatabase(server, PREFIX + HexFormat.of().toHexDigits(key), adminDatabase, owner, pool);
            db.create(cleanup);
            return db;
        } catch (SQLException | RuntimeException e) {
            if (db != null && db.entry != null) {
                db.entry.close(); // drops what CREATE DATABASE may have made, and ends the owner session
            } else {
                closeQuietly(owner);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot create a scratch database: " + e.getMessage(), e);
        }
    }

    private synchronized void create(Cleanup cleanup) throws SQLException {
        // registered first: an interruption between CREATE DATABASE and the registration would leave it behind. The
        // hook's drop waits for this monitor, so it cannot run before the CREATE it would have to undo.
        entry = cleanup.add("scratch database " + name, this::drop);
        try (Statement st = owner.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        }
    }

    /** Drops the orphans {@link #ORPHANS} finds: one catalog query, and a statement per orphan. */
    private static void sweep(Connection c, Cleanup cleanup) {
        List<String> orphans = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ORPHANS)) {
            while (rs.next()) {
                String name = rs.getString("datname");
                if (NAME.matcher(name).matches()) {
                    orphans.add(name);
                }
            }
        } catch (SQLException e) {
            cleanup.log("cannot look for scratch databases left by killed runs: " + e.getMessage());
            return;
        }
        for (String orphan : orphans) {
            // without FORCE: a session that connected since the query means it is in use after all
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + orphan);
                cleanup.log("dropped scratch database " + orphan + ", left behind by a run that was killed");
            } catch (SQLException e) {
                cleanup.log("cannot drop scratch database " + orphan + ", left behind by a killed run: "
                        + e.getMessage());
            }
        }
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

    /**
     * Its user says that everything done on it since it was created (or last handed out) was rolled back, and every
     * connection to it is closed: the run's next scratch database on this server may be this one.
     */
    public void asCreated() {
        asCreated = true;
    }

    /**
     * Done with it: dropped, or with a pool, kept for the run's next scratch database when it is {@link #asCreated()}
     * and dropped beside the run's work when it is not.
     */
    @Override
    public void close() {
        if (pool == null) {
            entry.close();
            return;
        }
        boolean reusable = asCreated;
        asCreated = false;
        if (!(reusable && pool.keep(this))) {
            pool.dropLater(entry::close);
        }
    }

    /** Dropped now, whatever the pool would do. */
    void dropNow() {
        entry.close();
    }

    /**
     * Drops the database, ending whatever sessions still use it (the main thread's, when the shutdown hook drops it
     * mid-query), then ends the owner session, which releases the lock.
     */
    private synchronized void drop() {
        try {
            dropOn(owner);
        } catch (SQLException | RuntimeException broken) {
            try (Connection c = server.connect(adminDatabase)) {
                dropOn(c);
            } catch (SQLException | RuntimeException e) {
                // best effort: what is left has the recognisable name, and no lock, for the next run's sweep
            }
        } finally {
            closeQuietly(owner);
        }
    }

    private void dropOn(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            if (!"42601".equals(e.getSQLState())) {
                throw e;
            }
            // syntax error: WITH (FORCE) is PostgreSQL 13+; the connections using it are closed by now in the
            // normal course
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // ending a session we are done with
        }
    }
}
