package dev.jpamigrate.db;

import dev.jpamigrate.util.Causes;
import dev.jpamigrate.MigrateException;
import dev.jpamigrate.schema.Extension;
import dev.jpamigrate.schema.Sql;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creating extensions in the databases the tool makes, and saying in one line when a server cannot: an extension is
 * files installed on the server (a control file, scripts, often a library), which a database cannot bring along.
 */
public final class Extensions {
    /** Where to find a server that has the extensions people most often miss on a stock PostgreSQL. */
    private static final Map<String, String> IMAGES = Map.of(
            "vector", "the pgvector/pgvector image",
            "postgis", "the postgis/postgis image",
            "postgis_topology", "the postgis/postgis image",
            "postgis_raster", "the postgis/postgis image",
            "timescaledb", "the timescale/timescaledb image");

    private static final String AVAILABLE = "select name from pg_available_extensions where name = any(?) order by name";

    private Extensions() {
    }

    /**
     * Creates each extension that is not there yet, in the list's order and in its schema, with the extensions it
     * requires (CASCADE). Fails with one line that names every extension the server does not have.
     */
    public static void create(Connection c, List<Extension> extensions, Server server) throws SQLException {
        requireAvailable(c, extensions.stream().map(Extension::name).toList(), server);
        try (Statement st = c.createStatement()) {
            for (Extension e : extensions) {
                String schema = e.schema();
                if (!schema.equals("public") && !schema.startsWith("pg_")) {
                    st.execute("CREATE SCHEMA IF NOT EXISTS " + ident(schema));
                }
                String sql = "CREATE EXTENSION IF NOT EXISTS " + ident(e.name()) + " WITH SCHEMA " + ident(schema)
                        + " CASCADE";
                try {
                    st.execute(sql);
                } catch (SQLException failure) {
                    // files missing (a library the server cannot load) is the server's lack; anything else, such as a
                    // privilege, PostgreSQL's own words and hint say best
                    String advice = missingFiles(failure).isPresent() ? advice(server, List.of(e.name())) : "";
                    throw new MigrateException("cannot create extension \"" + e.name() + "\" on " + where(server)
                            + ": " + oneLine(failure.getMessage()) + advice, failure);
                }
            }
        }
    }

    /** Throws one line naming those of {@code names} that are not installed on the server. */
    static void requireAvailable(Connection c, Collection<String> names, Server server) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        Set<String> available = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(AVAILABLE)) {
            Array array = c.createArrayOf("text", names.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    available.add(rs.getString("name"));
                }
            }
        }
        List<String> missing = names.stream().filter(n -> !available.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new MigrateException(unavailable(missing, server));
        }
    }

    /** {@code extension "vector" is not available on the embedded PostgreSQL: pass --url ...}, for one or more. */
    static String unavailable(List<String> names, Server server) {
        String quoted = names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        String subject = names.size() == 1 ? "extension " + quoted + " is" : "extensions " + quoted + " are";
        return subject + (server.embedded() ? " not available on " : " not installed on ") + where(server)
                + advice(server, names);
    }

    /**
     * PostgreSQL's own words when {@code failure} came from a server that lacks an extension's files: its control file
     * (CREATE EXTENSION) or a library (CREATE EXTENSION, or a C function of one). Recognised by the routine and source
     * file that raised the error, which do not depend on the server's language.
     */
    public static Optional<String> missingFiles(Throwable failure) {
        for (Throwable t : Causes.chain(failure)) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage m = p.getServerErrorMessage();
                if ("parse_extension_control_file".equals(m.getRoutine()) || "dfmgr.c".equals(m.getFile())) {
                    return Optional.of(oneLine(m.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    /** One line for changelogs that create an extension the server they were replayed on does not have. */
    public static MigrateException replayNeeds(String words, Server server, Throwable cause) {
        return new MigrateException("the changelogs create an extension that " + where(server) + " does not have ("
                + words + ")" + advice(server, List.of()), cause);
    }

    private static String where(Server server) {
        return server.embedded() ? "the embedded PostgreSQL" : server.toString();
    }

    private static String advice(Server server, List<String> names) {
        List<String> images = new ArrayList<>(new LinkedHashSet<>(names.stream().filter(IMAGES::containsKey)
                .map(IMAGES::get).toList()));
        String example = images.isEmpty() ? "" : " (e.g. " + String.join(", ", images) + ")";
        return server.embedded()
                ? ": pass --url to a server that has it" + example
                : ": install it on that server" + example + ", or pass --url to one that has it";
    }

    private static String ident(String name) {
        return Sql.ident(name);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
