package dev.jpamigrate.db;

import java.sql.Connection;

/** A PostgreSQL server the tool can open databases on. */
public interface Server extends AutoCloseable {

    /** Opens a connection to one database of this server. */
    Connection connect(String database);

    /** The database a user named, or the server's default one. */
    String database();

    /** Creates a throwaway database, dropped when the handle closes, or by {@code cleanup} if the run is cut short. */
    ScratchDatabase createScratch(Cleanup cleanup);

    /** True for the embedded server the tool started itself. */
    boolean embedded();

    @Override
    void close();
}
