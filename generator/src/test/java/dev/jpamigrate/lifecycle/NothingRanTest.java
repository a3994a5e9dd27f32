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

/** create writes the migration and the master together or not at all. */
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
