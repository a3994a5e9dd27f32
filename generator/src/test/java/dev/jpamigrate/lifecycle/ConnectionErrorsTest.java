package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way of failing to reach the database gives one line, exit 2, and never the password, even with --verbose. */
class ConnectionErrorsTest {
    private static final String SECRET = "s3cr3t-pw";

    private static Cli.Result run(String url, String... args) throws IOException {
        Path work = Files.createTempDirectory("jpa-migrate-err");
        // a project with no migrations yet: without a master the commands stop before they connect
        Files.createDirectories(work.resolve("changelogs"));
        Files.writeString(work.resolve("changelogs/db.changelog-master.xml"),
                "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"></databaseChangeLog>\n");
        Cli cli = new Cli(work, Map.of());
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        return cli.run(all);
    }

    private static void assertOneLineWithoutPassword(Cli.Result r, String expected) {
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).as("%s", r).isEqualTo("error: " + expected + "\n");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
    }

    @Test
    void unreachableHost() throws IOException {
        Cli.Result r = run("jdbc:postgresql://127.0.0.1:1/app?user=app&password=" + SECRET, "upgrade");
        assertOneLineWithoutPassword(r, "cannot connect to 127.0.0.1:1 (Connection refused): is PostgreSQL running there?");
    }

    @Test
    void unknownHost() throws IOException {
        Cli.Result r = run("postgresql://app:" + SECRET + "@no-such-host.invalid:5432/app", "current");
        assertOneLineWithoutPassword(r, "cannot connect to no-such-host.invalid:5432: unknown host 'no-such-host.invalid'");
    }

    @Test
    void missingDatabase() throws IOException {
        String url = TestPostgres.SERVER.withDatabase("jpamigrate_no_such_db").jdbcUrl() + "?user="
                + TestPostgres.SERVER.user() + "&password=" + SECRET;
        Cli.Result r = run(url, "history");
        assertOneLineWithoutPassword(r, "database 'jpamigrate_no_such_db' does not exist on "
                + TestPostgres.SERVER.hostAndPort() + ": create it first (createdb jpamigrate_no_such_db)");
    }

    @Test
    void wrongPasswordWithVerboseStillMasksIt() throws Exception {
        // The test server trusts every local connection, so a password is never checked there; this speaks just
        // enough of the PostgreSQL protocol to ask for one and refuse it, as a server with md5/scram auth does.
        try (RefusingServer server = new RefusingServer()) {
            Cli.Result r = run("postgresql://app:" + SECRET + "@127.0.0.1:" + server.port() + "/app", "upgrade", "--verbose");
            assertThat(r.exit()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).as("%s", r).contains("error: authentication failed for user 'app' on 127.0.0.1:"
                    + server.port() + ": check the user and password in --url or DATABASE_URL\n");
            assertThat(r.err()).as("verbose shows the URL, masked").contains("postgresql://app@127.0.0.1:" + server.port() + "/app");
            assertThat(r.out() + r.err()).doesNotContain(SECRET);
            assertThat(server.passwordSeen()).as("the driver did send the password").isEqualTo(SECRET);
        }
        try (RefusingServer server = new RefusingServer()) {
            Cli.Result r = run("jdbc:postgresql://127.0.0.1:" + server.port() + "/app?user=app&password=" + SECRET, "downgrade");
            assertOneLineWithoutPassword(r, "authentication failed for user 'app' on 127.0.0.1:" + server.port()
                    + ": check the user and password in --url or DATABASE_URL");
        }
    }

    @Test
    void malformedUrlIsMasked() throws IOException {
        Cli.Result r = run("mysql://app:" + SECRET + "@localhost/app", "current");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: not a PostgreSQL URL: 'mysql://app:***@localhost/app'").hasLineCount(1);
        assertThat(r.err()).doesNotContain(SECRET);
    }

    @Test
    void aPortTypoStopsBeforeAnyDatabaseIsTouched() {
        // java.net.URI cannot read this authority; the old parser then fell back to localhost:5432 and user postgres,
        // which is this very test server, and migrated it.
        try (Project p = withOneMigration()) {
            String url = "postgresql://postgres:" + SECRET + "@" + TestPostgres.SERVER.host() + ":54x3/" + p.db.name();
            Cli.Result r = p.cli.run("upgrade", "--url", url, "--changelogs", "changelogs");
            assertOneLineWithoutPassword(r, "invalid port '54x3' in database URL postgresql://postgres:***@"
                    + TestPostgres.SERVER.host() + ":54x3/" + p.db.name());
            assertThat(r.out()).as("no heading: nothing was connected to").isEmpty();
            assertThat(p.tables()).as("no databasechangelog, no migrated table").isEmpty();
        }
    }

    @Test
    void sqlHeaderNeverShowsTheSslPassword() {
        // Liquibase prints the JDBC URL it connected with at the top of --sql; pgjdbc keeps the URL it was given.
        try (Project p = withOneMigration()) {
            Cli.Result r = p.cli.run("upgrade", "--sql", "--url", p.db.jdbcUrl() + "&sslpassword=" + SECRET,
                    "--changelogs", "changelogs");
            assertThat(r.exit()).as("%s", r).isZero();
            assertThat(r.out()).as("%s", r).contains("CREATE TABLE public.teams (id integer PRIMARY KEY);")
                    .contains("jdbc:postgresql://" + p.db.url().hostAndPort() + "/" + p.db.name());
            assertThat(r.out() + r.err()).doesNotContain(SECRET).doesNotContainIgnoringCase("sslpassword");
            assertThat(p.tables()).as("--sql changes nothing").isEmpty();
        }
    }

    private static Project withOneMigration() {
        Project p = Project.create();
        p.migration("20261101_1000-aaaaa1", "create teams",
                Project.cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
        return p;
    }

    /** Asks for a cleartext password, remembers it, and answers 28P01 like a server whose password check fails. */
    private static final class RefusingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final Thread thread;
        private volatile String password;

        RefusingServer() throws IOException {
            thread = new Thread(this::serve, "refusing-pg");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        String passwordSeen() {
            return password;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    while (true) {
                        int length = in.readInt();
                        int code = in.readInt();
                        in.readFully(new byte[length - 8]);
                        if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: not here
                            out.writeByte('N');
                            out.flush();
                            continue;
                        }
                        break; // StartupMessage
                    }
                    out.writeByte('R');
                    out.writeInt(8);
                    out.writeInt(3); // AuthenticationCleartextPassword
                    out.flush();
                    if (in.readByte() == 'p') {
                        byte[] body = new byte[in.readInt() - 4];
                        in.readFully(body);
                        password = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
                    }
                    byte[] fields = ("SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0\0")
                            .getBytes(StandardCharsets.UTF_8);
                    out.writeByte('E');
                    out.writeInt(fields.length + 4);
                    out.write(fields);
                    out.flush();
                } catch (IOException e) {
                    // closed by the test, or the client went away
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
