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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A command that finds no changelogs must not look like a deploy that had nothing to do; commands run from a
 * subdirectory find the project root; and create writes the migration and the master together or not at all.
 */
class NothingRanTest {
    private static final String FIX = ": run from the project root, or pass --changelogs DIR or set changelogs= in"
            + " migrate.properties\n";
    private static final String MODEL = """
            @Entity @Table(name = "notes")
            class Note {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @Column(nullable = false) String body;
            }
            """;

    @TempDir
    Path work;

    /** Three migrations, two of them applied: every command has something it could wrongly do or not do. */
    private static Project twoOfThreeApplied() {
        Project p = Project.create();
        p.migration("20261101_1000-aaaaa1", "create teams",
                cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
        p.migration("20261102_1000-bbbbb2", "add team name",
                cs("ALTER TABLE public.teams ADD COLUMN name text;", "ALTER TABLE public.teams DROP COLUMN name;"));
        p.migration("20261103_1000-ccccc3", "create players",
                cs("CREATE TABLE public.players (id integer PRIMARY KEY);", "DROP TABLE public.players;"));
        assertThat(p.run("upgrade").exit()).isZero();
        assertThat(p.run("downgrade").exit()).isZero();
        assertThat(p.changelogRows()).hasSize(2);
        return p;
    }

    private static String[] args(String[] command, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(command));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aChangelogDirectoryThatDoesNotExistIsExit2AndNothingRuns() {
        try (Project p = twoOfThreeApplied()) {
            List<String> rows = p.changelogRows();
            String tables = p.tables();
            List<String[]> commands = List.of(new String[]{"upgrade"}, new String[]{"upgrade", "--sql"},
                    new String[]{"downgrade"}, new String[]{"downgrade", "--sql"}, new String[]{"reset"},
                    new String[]{"reset", "--sql"}, new String[]{"current"}, new String[]{"history"},
                    new String[]{"stamp", "head"}, new String[]{"check", "--entities", "nothingran.model"});
            for (String[] command : commands) {
                Cli.Result r = p.cli.run(args(command, "--url", p.db.jdbcUrl(), "--changelogs", "typo"));

                assertThat(r.exit()).as("%s\n%s", String.join(" ", command), r).isEqualTo(2);
                assertThat(r.err()).as("%s: one line naming the path and the fix", String.join(" ", command))
                        .isEqualTo("error: no changelog directory typo (from --changelogs)" + FIX);
                assertThat(r.out()).as(String.join(" ", command)).isEmpty();
            }
            assertThat(p.changelogRows()).as("databasechangelog untouched").isEqualTo(rows);
            assertThat(p.tables()).isEqualTo(tables);
            assertThat(p.work.resolve("typo")).doesNotExist();
        }
    }

    @Test
    void aDirectoryWithoutAMasterIsExit2Too() throws IOException {
        try (Project p = twoOfThreeApplied()) {
            Files.createDirectories(p.work.resolve("empty"));

            Cli.Result r = p.cli.run("upgrade", "--url", p.db.jdbcUrl(), "--changelogs", "empty");

            assertThat(r.exit()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: no db.changelog-master.xml in empty (from --changelogs)" + FIX);
            assertThat(p.changelogRows()).hasSize(2);
        }
    }

    @Test
    void theMessageSaysWhereThePathCameFrom() throws IOException {
        try (Project p = twoOfThreeApplied()) {
            Files.writeString(p.work.resolve("migrate.properties"), "changelogs=changelogz\n");
            Cli.Result fromConfig = p.cli.run("current", "--url", p.db.jdbcUrl());
            assertThat(fromConfig.exit()).as("%s", fromConfig).isEqualTo(2);
            assertThat(fromConfig.err()).isEqualTo("error: no changelog directory changelogz (from changelogs= in"
                    + " migrate.properties)" + FIX);

            Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
            Cli.Result byDefault = new Cli(elsewhere).run("current", "--url", p.db.jdbcUrl());
            assertThat(byDefault.exit()).as("%s", byDefault).isEqualTo(2);
            assertThat(byDefault.err()).isEqualTo("error: no changelog directory changelogs (the default; no"
                    + " migrate.properties here or above)" + FIX);
        }
    }

    @Test
    void unlockDoesNotNeedChangelogs() {
        try (Project p = twoOfThreeApplied()) {
            Cli.Result r = p.cli.run("unlock", "--url", p.db.jdbcUrl(), "--changelogs", "typo");
            assertThat(r.exit()).as("%s", r).isZero();
            assertThat(r.out()).isEqualTo("The migration lock is not held: nothing to release\n");
        }
    }

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
            Cli.Result here = cli.run("current", "--changelogs", "changelogs");
            assertThat(here.exit()).as("%s", here).isEqualTo(2);
            assertThat(here.err()).isEqualTo("error: no changelog directory changelogs (from --changelogs)" + FIX);
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
