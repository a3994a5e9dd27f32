package dev.jpamigrate.testing;

import dev.jpamigrate.db.Connections;
import dev.jpamigrate.db.DbUrl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL the tests run on (MIGRATE_TEST_PG, default postgresql://postgres@127.0.0.1:5432/postgres),
 * and uniquely named databases on it that each test creates and drops.
 */
public final class TestPostgres {
    public static final DbUrl SERVER = DbUrl.parse(System.getenv().getOrDefault("MIGRATE_TEST_PG",
            "postgresql://postgres@127.0.0.1:5432/postgres"));

    /**
     * The drops of closed test databases, one at a time on a thread of their own: a DROP DATABASE waits for a
     * checkpoint, which no test needs to wait for. The JVM finishes them before it exits.
     */
    private static final ExecutorService DROPS = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "test-database-drops");
        t.setDaemon(true);
        return t;
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DROPS.shutdown();
            try {
                DROPS.awaitTermination(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-database-drops-at-exit"));
        dropInvalid();
    }

    /**
     * Drops the test databases that a drop cut short left behind: a JVM killed in the middle of a DROP DATABASE leaves
     * the database marked invalid (datconnlimit -2, PostgreSQL 15.4 and later). Nobody can connect to an invalid
     * database, so no test running beside this JVM is using one.
     */
    private static void dropInvalid() {
        List<String> invalid = new ArrayList<>();
        try (Connection c = Connections.open(SERVER); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT datname FROM pg_catalog.pg_database"
                     + " WHERE datname ~ '^jpamigrate_test_[0-9a-f]{16}$' AND datconnlimit = -2")) {
            while (rs.next()) {
                invalid.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return; // the tests that need the server say so themselves
        }
        for (String name : invalid) {
            try {
                execute(SERVER, "DROP DATABASE IF EXISTS " + name);
            } catch (IllegalStateException e) {
                System.err.println("could not drop the invalid test database " + name + ": " + e.getMessage());
            }
        }
    }

    private TestPostgres() {
    }

    /** A fresh database, dropped on close. */
    public static Db create() {
        String name = uniqueName();
        execute(SERVER, "CREATE DATABASE " + name);
        return new Db(SERVER.withDatabase(name));
    }

    /** A fresh copy of {@code db} (which no session may be connected to), dropped on close. */
    public static Db copyOf(Db db) {
        String name = uniqueName();
        execute(SERVER, "CREATE DATABASE " + name + " TEMPLATE " + db.name());
        return new Db(SERVER.withDatabase(name));
    }

    /**
     * Waits for the drops queued so far: a test that fills the server's lock table first lets them finish, since a
     * DROP DATABASE needs locks too.
     */
    public static void awaitDrops() {
        try {
            DROPS.submit(() -> { }).get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the queued test database drops did not finish: " + e, e);
        }
    }

    private static String uniqueName() {
        return "jpamigrate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static void execute(DbUrl url, String... sql) {
        try (Connection c = Connections.open(url); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test database. */
    public record Db(DbUrl url) implements AutoCloseable {
        public String name() {
            return url.database();
        }

        /** The JDBC URL with credentials, as a user passes it to --url. */
        public String jdbcUrl() {
            return url.jdbcUrl() + "?user=" + url.user() + (url.password() == null ? "" : "&password=" + url.password());
        }

        public Connection connect() {
            return Connections.open(url);
        }

        public void execute(String... sql) {
            TestPostgres.execute(url, sql);
        }

        /** True when the inspector finds nothing the tool manages (tracking tables aside). */
        public boolean emptySchema() {
            try (Connection c = connect()) {
                return dev.jpamigrate.inspect.CatalogInspector.inspect(c).isEmpty();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code pg_dump --schema-only}, normalized: see {@link #normalizeDump}. */
        public String dump() {
            List<String> cmd = List.of("pg_dump", "--schema-only", "--no-owner", "--no-privileges",
                    "--exclude-table=databasechangelog", "--exclude-table=databasechangeloglock",
                    "-h", url.host(), "-p", String.valueOf(url.port()), "-U", url.user(), url.database());
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("pg_dump failed: " + out);
                }
                return normalizeDump(out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Dropped behind the test's back (see {@link #DROPS}): the drop waits on the server's checkpoint. */
        @Override
        public void close() {
            String sql = "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)";
            DROPS.execute(() -> {
                try {
                    TestPostgres.execute(SERVER, sql);
                } catch (RuntimeException e) {
                    System.err.println("test database not dropped: " + sql + ": " + e);
                }
            });
        }
    }

    /**
     * Drops comments, blank lines and session settings, and sorts the column lines of each CREATE TABLE: a column
     * restored by a rollback comes back at the end of its table, which is the one difference the contract allows.
     */
    public static String normalizeDump(String dump) {
        List<String> out = new ArrayList<>();
        List<String> columns = null;
        for (String raw : dump.split("\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty() || line.startsWith("--") || line.startsWith("SET ")
                    || line.startsWith("SELECT pg_catalog.set_config") || line.startsWith("\\restrict")
                    || line.startsWith("\\unrestrict")) {
                continue;
            }
            if (columns != null) {
                if (line.startsWith(")")) {
                    columns.sort(null);
                    out.addAll(columns);
                    out.add(line);
                    columns = null;
                } else {
                    columns.add(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
                }
                continue;
            }
            out.add(line);
            if (line.startsWith("CREATE TABLE ") && line.endsWith("(")) {
                columns = new ArrayList<>();
            }
        }
        return String.join("\n", out) + "\n";
    }
}
