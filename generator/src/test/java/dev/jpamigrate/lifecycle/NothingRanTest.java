package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Commands run from a subdirectory find the project root; and create writes the migration and the master together
 * or not at all.
 */
class NothingRanTest {
    private static final String MODEL = """
            @Entity @Table(name = "notes")
            class Note {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @Column(nullable = false) String body;
            }
            """;

    @TempDir
    Path work;

    @Test
    void upgradeFromASubdirectoryFindsTheProjectRoot() throws IOException {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "create teams",
                    cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
            p.migration("20261102_1000-bbbbb2", "add team name",
                    cs("ALTER TABLE public.teams ADD COLUMN name text;", "ALTER TABLE public.teams DROP COLUMN name;"));
            Files.writeString(p.work.resolve("migrate.properties"), "changelogs=changelogs\n");
            Files.writeString(p.work.resolve(".env"), "DATABASE_URL=" + p.db.jdbcUrl() + "\n");
            Path sub = Files.createDirectories(p.work.resolve("src/main"));
            Cli cli = new Cli(sub);

            Cli.Result up = cli.run("upgrade", "--verbose");

            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.out()).endsWith("Upgraded to 20261102_1000-bbbbb2 (head): 2 changeSet(s) in 2 migration(s)"
                    + " applied\n");
            assertThat(up.err()).as("which root and config file, and .env read there")
                    .contains("[verbose] project root: " + p.work + " (from " + p.work.resolve("migrate.properties") + ")\n")
                    .contains("(from " + p.work.resolve(".env") + ")\n")
                    .contains("[verbose] changelogs: " + p.work.resolve("changelogs") + "\n");
            assertThat(p.changelogRows()).hasSize(2);

            // a path typed on the command line is relative to where the user typed it
            Cli.Result typed = cli.run("current", "--changelogs", "../../changelogs");
            assertThat(typed.exit()).as("%s", typed).isZero();
            assertThat(typed.out()).isEqualTo("20261102_1000-bbbbb2 (head)\n");
        }
    }

    @Test
    void createFromASubdirectoryOfANewProjectWritesTheFirstMigrationAtTheRoot() throws IOException {
        EntityCompiler.compile("nothingran.model", MODEL, work.resolve("build/classes"));
        Files.writeString(work.resolve("migrate.properties"),
                "entities=nothingran.model\nclasspath=build/classes\nchangelogs=db/changelogs\n");
        Path sub = Files.createDirectories(work.resolve("src"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli cli = new Cli(sub);

            Cli.Result created = cli.run("create", "initial", "--url", db.jdbcUrl());

            assertThat(created.exit()).as("%s", created).isZero();
            assertThat(created.out()).contains("Wrote ../db/changelogs/20261123_2014-a1b2c1_initial.sql (");
            assertThat(work.resolve("db/changelogs/db.changelog-master.xml")).isRegularFile();
            assertThat(sub.resolve("db")).doesNotExist();
            Cli.Result up = cli.run("upgrade", "--url", db.jdbcUrl());
            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.out()).endsWith("Upgraded to 20261123_2014-a1b2c1 (head): 1 changeSet(s) in 1 migration(s)"
                    + " applied\n");
        }
    }

    @Test
    void whenTheMasterCannotBeReplacedCreateLeavesNoMigrationBehind() throws IOException {
        // A directory where the master goes stops the final rename even for root, after the migration is in place.
        EntityCompiler.compile("nothingran.model", MODEL, work.resolve("classes"));
        Files.createDirectories(work.resolve("changelogs/db.changelog-master.xml"));
        String before = listing(work.resolve("changelogs"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result r = new Cli(work).run("create", "initial", "--url", db.jdbcUrl(), "--entities",
                    "nothingran.model", "--classpath", "classes");

            assertThat(r.exit()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: cannot write " + work.resolve("changelogs/db.changelog-master.xml")
                    + ": Is a directory; nothing was written\n");
            assertThat(listing(work.resolve("changelogs"))).as("no orphan .sql, no temporary file").isEqualTo(before);
        }
    }

    @Test
    void aReadOnlyChangelogDirectoryGetsNoOrphanMigration() throws IOException {
        EntityCompiler.compile("nothingran.model", MODEL, work.resolve("classes"));
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "create teams",
                    cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
            assertThat(p.run("upgrade").exit()).isZero();
            Path dir = p.changelogs.dir();
            Files.setPosixFilePermissions(p.changelogs.master(), PosixFilePermissions.fromString("r--r--r--"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                assumeThat(Files.isWritable(p.changelogs.master()))
                        .as("chmod stops writes (it does not for root: see the test above)").isFalse();
                String before = listing(dir);

                Cli.Result r = p.run("create", "notes", "--entities", "nothingran.model", "--classpath",
                        work.resolve("classes").toString());

                assertThat(r.exit()).as("%s", r).isEqualTo(2);
                assertThat(r.err()).isEqualTo("error: cannot write " + p.changelogs.master() + ": it is read-only;"
                        + " nothing was written\n");
                assertThat(listing(dir)).isEqualTo(before);
            } finally {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** Every file below {@code dir} with its size and contents: what must not change. */
    private static String listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder out = new StringBuilder();
            for (Path f : files.sorted().toList()) {
                out.append(dir.relativize(f)).append(Files.isDirectory(f) ? "/\n" : " " + Files.size(f) + "\n"
                        + Files.readString(f) + "\n");
            }
            return out.toString();
        }
    }
}
