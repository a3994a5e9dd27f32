package dev.jpamigrate.cli;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract: options, configuration sources, exit codes, and one-line errors. */
class CliContractTest {
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
    void helpListsTheCommandsAndTheExitCodes() {
        Cli.Result help = new Cli(work).run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("create", "check", "upgrade", "downgrade", "Exit codes: 0 ok, 1 drift");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = new Cli(work).run("check", "--bogus");
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).startsWith("error: Unknown option: '--bogus'");
    }

    @Test
    void notAPostgresUrlIsOneLineAndExit2() {
        Cli.Result r = new Cli(work).run("check", "--url", "mysql://root:hunter2@db/app", "--entities", "x");
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).startsWith("error: not a PostgreSQL URL").doesNotContain("hunter2").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void unreachableServerIsOneLineWithoutPassword() {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        Cli.Result r = new Cli(work).run("check", "--url", "jdbc:postgresql://127.0.0.1:1/app?user=app&password=hunter2",
                "--entities", "cli.model", "--classpath", classes.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).startsWith("error: cannot connect to 127.0.0.1:1").doesNotContain("hunter2");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void verboseShowsTheTraceButStillNoPassword() {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        Cli.Result r = new Cli(work).run("check", "--verbose", "--url", "postgresql://app:hunter2@127.0.0.1:1/app",
                "--entities", "cli.model", "--classpath", classes.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).contains("\tat ").doesNotContain("hunter2");
    }

    @Test
    void missingDatabaseIsNamed() {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        Cli.Result r = new Cli(work).run("check", "--url", TestPostgres.SERVER.withDatabase("jpamigrate_no_such_db").jdbcUrl()
                + "?user=postgres", "--entities", "cli.model", "--classpath", classes.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).startsWith("error: database 'jpamigrate_no_such_db' does not exist");
    }

    @Test
    void noEntitiesFound() {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        Cli.Result r = new Cli(work).run("create", "x", "--entities", "cli.nothing_here", "--classpath", classes.toString(),
                "--url", TestPostgres.SERVER.jdbcUrl() + "?user=postgres");
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).startsWith("error: no @Entity classes found in package cli.nothing_here");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void brokenChangelogIsOneLineAndExit2() throws IOException {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        Files.createDirectories(work.resolve("changelogs"));
        Files.writeString(work.resolve("changelogs/db.changelog-master.xml"), "<databaseChangeLog><include file=");
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result r = new Cli(work).run("check", "--url", db.jdbcUrl(), "--entities", "cli.model",
                    "--classpath", classes.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.ERROR);
            assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
            assertThat(r.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void optionsWorkBeforeOrAfterTheCommandAndDriftExits1() {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli cli = new Cli(work);
            Cli.Result before = cli.run("--url", db.jdbcUrl(), "--entities", "cli.model", "--classpath", classes.toString(), "check");
            Cli.Result after = cli.run("check", "--url", db.jdbcUrl(), "--entities", "cli.model", "--classpath", classes.toString());
            assertThat(before.exit()).as(before.toString()).isEqualTo(ExitCode.DRIFT);
            assertThat(after.exit()).as(after.toString()).isEqualTo(ExitCode.DRIFT);
            assertThat(after.out()).contains("create table notes");
        }
    }

    @Test
    void databaseUrlComesFromTheEnvironmentThenDotEnv() throws IOException {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        Files.writeString(work.resolve("migrate.properties"), "entities=cli.model\nclasspath=classes\n");
        try (TestPostgres.Db db = TestPostgres.create()) {
            String libpq = "postgresql://postgres@" + db.url().hostAndPort() + "/" + db.name();
            Cli.Result fromEnv = new Cli(work, Map.of("DATABASE_URL", libpq)).run("create", "initial");
            assertThat(fromEnv.exit()).as(fromEnv.toString()).isZero();
            assertThat(fromEnv.out()).contains("Wrote changelogs/20261123_2014-a1b2c1_initial.sql");

            Files.writeString(work.resolve(".env"), "# local database\nDATABASE_URL=\"" + libpq + "\"\n");
            Cli.Result fromDotEnv = new Cli(work).run("upgrade");
            assertThat(fromDotEnv.exit()).as(fromDotEnv.toString()).isZero();
            Cli.Result check = new Cli(work).run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(check.out()).contains("OK: entities, changelogs and database agree");
        }
    }

    @Test
    void createRefusesWhileChangeSetsArePending() {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli cli = new Cli(work);
            String[] common = {"--url", db.jdbcUrl(), "--entities", "cli.model", "--classpath", classes.toString()};
            assertThat(cli.run(concat(new String[]{"create", "initial"}, common)).exit()).isZero();
            Cli.Result again = cli.run(concat(new String[]{"create", "more"}, common));
            assertThat(again.exit()).isEqualTo(ExitCode.DRIFT);
            assertThat(again.err()).contains("pending").contains("run ./migrate upgrade first");
        }
    }

    @Test
    void embeddedDatabaseIsTheDefault() {
        Path classes = EntityCompiler.compile("cli.model", MODEL, work.resolve("classes"));
        Cli cli = new Cli(work);
        Cli.Result created = cli.run("create", "initial", "--entities", "cli.model", "--classpath", classes.toString());
        assertThat(created.exit()).as(created.toString()).isZero();
        Cli.Result check = cli.run("check", "--entities", "cli.model", "--classpath", classes.toString());
        assertThat(check.exit()).as(check.toString()).isZero();
        Cli.Result none = cli.run("create", "again", "--entities", "cli.model", "--classpath", classes.toString());
        assertThat(none.out()).contains("No changes detected");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
