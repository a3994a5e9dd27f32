package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entities whose columns use an extension's type (citext), created by a changelog. Scratch databases start from
 * template0, which has no extension, so without this every command fails with "type citext does not exist".
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
}
