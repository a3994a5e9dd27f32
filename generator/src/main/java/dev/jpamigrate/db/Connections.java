package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections and turns connection failures into one-line messages. */
public final class Connections {
    private Connections() {
    }

    /**
     * Opens a connection. The user and the secrets go as properties, never in the URL: pgjdbc keeps the URL it was
     * given and Liquibase prints it (the header of {@code --sql}). Parameters in the URL win over these defaults.
     */
    private static final java.sql.Driver DRIVER = new org.postgresql.Driver();

    public static Connection open(DbUrl url) {
        Properties props = new Properties();
        props.setProperty("ApplicationName", "jpa-migrate");
        props.setProperty("connectTimeout", "10");
        props.setProperty("user", url.user());
        url.secrets().forEach(props::setProperty);
        try {
            // pgjdbc itself, not DriverManager: another driver on the class path (a user's, Testcontainers' jdbc:tc:)
            // that fails to load would end DriverManager's service scan before it registers pgjdbc
            Connection c = DRIVER.connect(url.jdbcUrl(), props);
            if (c == null) {
                throw new SQLException("No suitable driver found for " + url.jdbcUrl(), "08001");
            }
            return c;
        } catch (SQLException e) {
            throw new MigrateException(describe(url, e), e, MigrateException.Kind.CONNECTION);
        }
    }

    static String describe(DbUrl url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable cause = e.getCause();
        if (cause instanceof UnknownHostException) {
            String host = url.hosts().size() == 1 ? url.host() : cause.getMessage();
            return "cannot connect to " + url.hostAndPort() + ": unknown host '" + host + "'";
        }
        if (cause instanceof ConnectException || state.startsWith("08")) {
            return "cannot connect to " + url.hostAndPort() + " (" + oneLine(cause != null ? cause.getMessage() : e.getMessage())
                    + "): is PostgreSQL running there?";
        }
        return switch (state) {
            case "28P01", "28000" -> "authentication failed for user '" + url.user() + "' on " + url.hostAndPort()
                    + ": check the user and password in --url or DATABASE_URL";
            case "3D000" -> "database '" + url.database() + "' does not exist on " + url.hostAndPort()
                    + ": create it first (createdb " + url.database() + ")";
            default -> "cannot connect to " + url + ": " + oneLine(e.getMessage());
        };
    }

    private static String oneLine(String s) {
        return DbUrl.mask(s == null ? "" : s.replaceAll("\\s+", " ").trim());
    }
}
