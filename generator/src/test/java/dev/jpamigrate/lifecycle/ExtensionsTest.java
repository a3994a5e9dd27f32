package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entities whose columns use an extension's type (citext): the extension comes from a changelog, or is declared once
 * and then created by the generated migration. Scratch databases start from template0, which has no extension, so
 * without this every command fails with "type citext does not exist".
 */
class ExtensionsTest {
    private static final String PKG = "ext.model";
    private static final String MEMBERS = """
            @Entity @Table(name = "members")
            class Member {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @Column(nullable = false, unique = true, columnDefinition = "citext") String email;
            }
            """;
    private static final String CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;";

    private static Path members(Project p) {
        return EntityCompiler.compile(PKG, MEMBERS, p.work.resolve("classes"));
    }

    /** Runs with the entities, against the project's database. */
    private static Cli.Result withUrl(Project p, String... args) {
        return p.run(with(args, "--entities", PKG, "--classpath", "classes"));
    }

    /** Runs with the entities and no database: the embedded PostgreSQL. */
    private static Cli.Result embedded(Project p, String... args) {
        return p.cli.run(with(args, "--entities", PKG, "--classpath", "classes", "--changelogs", "changelogs"));
    }

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void ok(Cli.Result r, String what) {
        assertThat(r.exit()).as("%s\n%s", what, r).isZero();
    }

    /** The text of the one migration {@code create} wrote last. */
    private static String lastMigration(Project p) throws IOException {
        List<String> files = p.changelogs.files();
        return Files.readString(p.changelogs.dir().resolve(files.get(files.size() - 1)));
    }

    /** create again writes nothing, check passes, and citext compares case-insensitively in the database. */
    private static void atHeadAndCitextWorks(Project p) {
        int files = p.changelogs.files().size();
        Cli.Result again = withUrl(p, "create", "again");
        ok(again, "create again");
        assertThat(again.out()).isEqualTo("No changes detected\n");
        assertThat(p.changelogs.files()).as("nothing written").hasSize(files);
        ok(withUrl(p, "check"), "check --url");
        ok(embedded(p, "check"), "check on the embedded PostgreSQL");
        p.db.execute("INSERT INTO public.members (email) VALUES ('Ada@Example.org')");
        assertThatThrownBy(() -> p.db.execute("INSERT INTO public.members (email) VALUES ('ada@example.ORG')"))
                .as("the unique email is citext: case does not count").hasMessageContaining("members_email_key");
    }

    private static boolean hasExtension(Project p, String name) {
        return p.query("select count(*) from pg_extension where extname = '" + name + "'").equals("1");
    }

    // ---- CREATE EXTENSION in a changelog -------------------------------------------------------------------

    @Test
    void anExtensionAChangelogCreatesIsThereWhenTheEntitiesAreNormalizedOnTheEmbeddedServer() throws IOException {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "citext", cs("CREATE EXTENSION citext;", "DROP EXTENSION citext;"));
            members(p);

            Cli.Result created = embedded(p, "create", "members");

            ok(created, "create on the embedded PostgreSQL");
            assertThat(created.out()).contains("+ create table members").doesNotContain("extension");
            String migration = lastMigration(p);
            assertThat(migration).contains("email public.citext NOT NULL")
                    .as("the changelog creates it already").doesNotContain("EXTENSION");
            ok(p.run("upgrade"), "upgrade");
            atHeadAndCitextWorks(p);
        }
    }

    @Test
    void anExtensionAChangelogCreatesIsThereWhenTheEntitiesAreComparedWithADatabase() throws IOException {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "citext", cs("CREATE EXTENSION citext;", "DROP EXTENSION citext;"));
            members(p);
            ok(p.run("upgrade"), "upgrade the changelog that creates the extension");

            Cli.Result created = withUrl(p, "create", "members");

            ok(created, "create --url");
            assertThat(lastMigration(p)).contains("email public.citext NOT NULL").doesNotContain("EXTENSION");
            ok(p.run("upgrade"), "upgrade");
            atHeadAndCitextWorks(p);
        }
    }

    @Test
    void anExtensionInstalledOnTheDatabaseByHandIsNotDrift() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "citext", cs("CREATE EXTENSION citext;", "DROP EXTENSION citext;"));
            members(p);
            ok(embedded(p, "create", "members"), "create");
            ok(p.run("upgrade"), "upgrade");

            p.db.execute("CREATE EXTENSION pg_trgm");

            ok(withUrl(p, "check"), "check --url: an administrator's extension is none of the migrations' business");
            ok(withUrl(p, "create", "nothing"), "create --url");
            assertThat(p.changelogs.files()).hasSize(2);
        }
    }

    // ---- declared: extensions= in migrate.properties, --extension ------------------------------------------

    @Test
    void aDeclaredExtensionIsCreatedByTheFirstMigrationAndDroppedByItsRollback() throws IOException {
        try (Project p = Project.create()) {
            members(p);
            Files.writeString(p.work.resolve("migrate.properties"), "extensions=citext\n");

            Cli.Result created = embedded(p, "create", "members");

            ok(created, "create on the embedded PostgreSQL");
            assertThat(created.out()).contains("  + create extension citext in schema public\n");
            String migration = lastMigration(p);
            assertThat(migration).contains(CREATE_EXTENSION + "\n-- rollback DROP EXTENSION citext;\n")
                    .contains("email public.citext NOT NULL");
            assertThat(migration.indexOf(CREATE_EXTENSION)).as("before the table that uses its type")
                    .isLessThan(migration.indexOf("CREATE TABLE public.members"));
            ok(p.run("upgrade"), "upgrade");
            assertThat(hasExtension(p, "citext")).isTrue();
            atHeadAndCitextWorks(p);

            ok(p.run("downgrade"), "downgrade");
            assertThat(hasExtension(p, "citext")).as("the rollback drops it").isFalse();
            assertThat(p.tables()).doesNotContain("public.members");
        }
    }

    @Test
    void createWithADatabaseThatLacksADeclaredExtensionWritesIt() throws IOException {
        try (Project p = Project.create()) {
            members(p);

            Cli.Result created = withUrl(p, "create", "members", "--extension", "citext");

            ok(created, "create --url --extension citext");
            assertThat(lastMigration(p)).contains(CREATE_EXTENSION).contains("email public.citext NOT NULL");
            ok(p.run("upgrade"), "upgrade");
            int files = p.changelogs.files().size();
            Cli.Result again = withUrl(p, "create", "again", "--extension", "citext");
            ok(again, "create again");
            assertThat(again.out()).isEqualTo("No changes detected\n");
            assertThat(p.changelogs.files()).hasSize(files);
            ok(withUrl(p, "check", "--extension", "citext"), "check --url");
        }
    }

    @Test
    void aDeclaredExtensionInstalledOnTheDatabaseByHandStillGoesIntoAMigration() throws IOException {
        try (Project p = Project.create()) {
            members(p);
            Files.writeString(p.work.resolve("migrate.properties"), "extensions=citext\n");
            p.db.execute("CREATE EXTENSION citext");

            Cli.Result created = withUrl(p, "create", "members");

            ok(created, "create --url");
            assertThat(lastMigration(p)).as("a database built from the changelogs needs it too")
                    .contains(CREATE_EXTENSION);
            ok(p.run("upgrade"), "upgrade: IF NOT EXISTS passes where it is installed");
            atHeadAndCitextWorks(p);
        }
    }

    @Test
    void checkReportsADeclaredExtensionNoMigrationCreates() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "citext", cs("CREATE EXTENSION citext;", "DROP EXTENSION citext;"));
            members(p);
            ok(embedded(p, "create", "members"), "create");

            Cli.Result check = embedded(p, "check", "--extension", "citext,pg_trgm");

            assertThat(check.exit()).as("%s", check).isEqualTo(1);
            assertThat(check.out()).contains("+ create extension pg_trgm in schema public")
                    .doesNotContain("extension citext");
        }
    }

    // ---- missing: one line, exit 2 -------------------------------------------------------------------------

    @Test
    void anExtensionTheEmbeddedServerDoesNotShipIsOneLine() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "citext", cs("CREATE EXTENSION citext;", "DROP EXTENSION citext;"));
            members(p);

            Cli.Result r = embedded(p, "check", "--extension", "citext,vector");

            assertThat(r.exit()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: extension \"vector\" is not available on the embedded PostgreSQL:"
                    + " pass --url to a server that has it (e.g. the pgvector/pgvector image)\n");
        }
    }

    @Test
    void anExtensionTheServerDoesNotHaveIsOneLine() {
        try (Project p = Project.create()) {
            members(p);

            Cli.Result r = withUrl(p, "create", "members", "--extension", "citext,no_such_extension");

            assertThat(r.exit()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: extension \"no_such_extension\" is not installed on " + p.db.url()
                    + ": install it on that server, or pass --url to one that has it\n");
            assertThat(p.changelogs.files()).as("nothing written").isEmpty();
        }
    }

    @Test
    void aChangelogThatCreatesAnExtensionTheServerLacksIsOneLine() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "vector", cs("CREATE EXTENSION no_such_extension;",
                    "DROP EXTENSION no_such_extension;"));
            members(p);
            String line = "error: the changelogs create an extension that the embedded PostgreSQL does not have"
                    + " (extension \"no_such_extension\" is not available): pass --url to a server that has it\n";

            for (String[] command : List.of(new String[]{"check"}, new String[]{"create", "members"})) {
                Cli.Result r = embedded(p, command);

                assertThat(r.exit()).as("%s\n%s", command[0], r).isEqualTo(2);
                assertThat(r.err()).as(command[0]).isEqualTo(line);
            }
        }
    }

    // ---- the contrib extensions of the embedded PostgreSQL's binaries --------------------------------------

    @Test
    void theEmbeddedServerHasTheCommonContribExtensions() throws IOException, SQLException {
        try (Project p = Project.create()) {
            EntityCompiler.compile(PKG, """
                    @Entity @Table(name = "documents")
                    @Check(constraints = "similarity(title, title) = 1")
                    class Document {
                        @Id @ColumnDefault("uuid_generate_v4()") UUID id;
                        @Column(nullable = false, columnDefinition = "citext") String title;
                        @Column(columnDefinition = "hstore") String attributes;
                        @ColumnDefault("gen_random_bytes(16)") byte[] salt;
                    }
                    """, p.work.resolve("classes"));
            Files.writeString(p.work.resolve("migrate.properties"), "extensions=citext, hstore, pgcrypto, uuid-ossp, pg_trgm\n");

            ok(embedded(p, "create", "documents"), "create on the embedded PostgreSQL");
            ok(embedded(p, "check"), "check on the embedded PostgreSQL");

            String migration = lastMigration(p);
            for (String name : List.of("citext", "hstore", "pgcrypto", "\"uuid-ossp\"", "pg_trgm")) {
                assertThat(migration).contains("CREATE EXTENSION IF NOT EXISTS " + name + " WITH SCHEMA public;");
            }
            ok(p.run("upgrade"), "upgrade");
            try (Connection c = p.db.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO public.documents (title, attributes) VALUES ('Notes', 'lang=>en')");
            }
            assertThat(p.query("select attributes::hstore -> 'lang' || ':' || length(salt) from public.documents"
                    + " where title = 'NOTES'")).isEqualTo("en:16");
        }
    }
}
