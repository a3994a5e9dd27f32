package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.*;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;

/** The runner under faults, on the real PostgreSQL: concurrent runs, stale locks, failing and edited changeSets. */
class FaultsTest {

    @Test
    void twoUpgradesAtOnceApplyEverythingExactlyOnce() throws Exception {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "slow one",
                    cs("CREATE TABLE public.a (id integer); SELECT pg_sleep(1.5);", "DROP TABLE public.a;"),
                    cs("CREATE TABLE public.b (id integer);", "DROP TABLE public.b;"));
            p.migration("20261102_1000-bbbbb2", "slow two",
                    cs("CREATE TABLE public.c (id integer); SELECT pg_sleep(1);", "DROP TABLE public.c;"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<Cli.Result> upgrade = () -> {
                Cli cli = new Cli(p.work, Map.of());
                start.await();
                return cli.run("upgrade", "--url", p.db.jdbcUrl(), "--changelogs", "changelogs");
            };
            Future<Cli.Result> first = pool.submit(upgrade);
            Future<Cli.Result> second = pool.submit(upgrade);
            List<Cli.Result> results = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
            pool.shutdown();

            assertThat(results).as("both exit cleanly: %s", results).allMatch(r -> r.exit() == 0);
            assertThat(results).as("exactly one applies: %s", results)
                    .filteredOn(r -> r.out().contains("Upgraded to 20261102_1000-bbbbb2 (head): 3 changeSet(s) in 2 migration(s) applied"))
                    .hasSize(1);
            assertThat(results).as("the other waits, then finds nothing to do: %s", results)
                    .filteredOn(r -> r.out().contains("Already at 20261102_1000-bbbbb2 (head): nothing to apply"))
                    .hasSize(1);
            assertThat(results).as("they ran at the same time: one waited for the other: %s", results)
                    .filteredOn(r -> r.out().contains("Waiting for another jpa-migrate run on this database to finish"))
                    .hasSize(1);
            assertThat(p.changelogRows()).as("nothing applied twice").hasSize(3).doesNotHaveDuplicates();
            assertThat(p.query("select count(*) from databasechangelog")).isEqualTo("3");
        }
    }

    @Test
    void aSeparateProcessWithVerboseNeverPrintsThePassword() throws Exception {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "one", cs("CREATE TABLE public.a (id integer);", "DROP TABLE public.a;"));
            String secret = "pw-" + System.nanoTime();
            // trust authentication ignores the password, so the run succeeds and logs everything it would log
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.jpamigrate.cli.Main", "upgrade", "--verbose",
                    "--url", p.db.jdbcUrl() + "&password=" + secret, "--changelogs", "changelogs")
                    .directory(p.work.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).as("verbose output").contains("[verbose] database: postgresql://")
                    .contains("Upgraded to 20261101_1000-aaaaa1 (head)").doesNotContain(secret);
        }
    }

    @Test
    void stampBehindAnAppliedMigrationIsRefused() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "one", cs("CREATE TABLE public.a (id integer);", "DROP TABLE public.a;"));
            p.migration("20261102_1000-bbbbb2", "two", cs("CREATE TABLE public.b (id integer);", "DROP TABLE public.b;"));
            assertThat(p.run("upgrade").exit()).isZero();
            List<String> rows = p.changelogRows();
            Cli.Result stamp = p.run("stamp", "aaaaa1");
            assertThat(stamp.exit()).isEqualTo(2);
            assertThat(stamp.err()).isEqualTo("error: cannot stamp 20261101_1000-aaaaa1: the later migration"
                    + " 20261102_1000-bbbbb2 is applied; stamp only marks migrations as applied, use ./migrate downgrade"
                    + " to revert; nothing was changed\n");
            assertThat(p.changelogRows()).isEqualTo(rows);
        }
    }

    @Test
    void staleLockGetsAClearMessageAndUnlockReleasesIt() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "one", cs("CREATE TABLE public.a (id integer);", "DROP TABLE public.a;"));
            p.migration("20261102_1000-bbbbb2", "two", cs("CREATE TABLE public.b (id integer);", "DROP TABLE public.b;"));
            assertThat(p.run("stamp", "aaaaa1").exit()).isZero();
            // what a process killed in the middle of a migration leaves behind
            p.db.execute("UPDATE databasechangeloglock SET locked = true, lockedby = 'deploy-7 (10.0.0.7)',"
                    + " lockgranted = '2026-11-23 20:00:00' WHERE id = 1");

            Cli.Result up = p.run("upgrade", "--lock-timeout", "1");
            assertThat(up.exit()).as("%s", up).isEqualTo(2);
            assertThat(up.out()).contains("Waiting for the migration lock, held by deploy-7 (10.0.0.7) since 2026-11-23 20:00:00");
            assertThat(up.err()).isEqualTo("error: the migration lock (databasechangeloglock) is held by deploy-7"
                    + " (10.0.0.7) since 2026-11-23 20:00:00: another migration is running, or one was killed before"
                    + " it finished. If none is running, release it with ./migrate unlock; nothing was changed\n");
            assertThat(p.tables()).doesNotContain("public.b");

            Cli.Result unlock = p.run("unlock");
            assertThat(unlock.exit()).as("%s", unlock).isZero();
            assertThat(unlock.out()).isEqualTo("Released the migration lock held by deploy-7 (10.0.0.7) since 2026-11-23 20:00:00\n");
            assertThat(p.run("unlock").out()).isEqualTo("The migration lock is not held: nothing to release\n");
            assertThat(p.run("upgrade").exit()).isZero();
            assertThat(p.tables()).contains("public.b");
        }
    }

    @Test
    void aFailingChangeSetLeavesTheDatabaseAtThePreviousMigration() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "teams", cs("CREATE TABLE public.teams (id integer);", "DROP TABLE public.teams;"));
            assertThat(p.run("upgrade").exit()).isZero();
            String atFirst = p.db.dump();
            p.migration("20261102_1000-bbbbb2", "players",
                    cs("CREATE TABLE public.players (id integer);", "DROP TABLE public.players;"),
                    cs("ALTER TABLE public.teams ADD COLUMN name text;", "ALTER TABLE public.teams DROP COLUMN name;"),
                    cs("ALTER TABLE public.nope ADD COLUMN x integer;", "ALTER TABLE public.nope DROP COLUMN x;"));

            Cli.Result up = p.run("upgrade");
            assertThat(up.exit()).as("%s", up).isEqualTo(2);
            assertThat(up.err()).isEqualTo("error: migration 20261102_1000-bbbbb2 failed at changeSet"
                    + " jpa-migrate:20261102_1000-bbbbb2-3: ERROR: relation \"public.nope\" does not exist; it was rolled"
                    + " back as a whole (no change of it stays), so the database is at 20261101_1000-aaaaa1\n");
            assertThat(p.db.dump()).as("schema back at the first migration").isEqualTo(atFirst);
            assertThat(p.changelogRows()).hasSize(1);
            assertThat(p.run("current").out()).isEqualTo("20261101_1000-aaaaa1 (1 migration(s) pending)\n");
        }
    }

    @Test
    void aFailingRollbackIsNamedAndTheStateReported() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "teams", cs("CREATE TABLE public.teams (id integer);", "DROP TABLE public.teams;"));
            p.migration("20261102_1000-bbbbb2", "players",
                    cs("CREATE TABLE public.players (id integer);", "DROP TABLE public.players;"),
                    cs("CREATE TABLE public.coaches (id integer);", "DROP TABLE public.coaches;"));
            assertThat(p.run("upgrade").exit()).isZero();
            p.db.execute("DROP TABLE public.players"); // someone dropped it by hand

            Cli.Result down = p.run("downgrade");
            assertThat(down.exit()).as("%s", down).isEqualTo(2);
            assertThat(down.err()).isEqualTo("error: downgrade of 20261102_1000-bbbbb2 failed at changeSet"
                    + " jpa-migrate:20261102_1000-bbbbb2-1: ERROR: table \"players\" does not exist; it was not reverted"
                    + " (its rollback was undone as a whole, so its data is as it was), so the database is at"
                    + " 20261102_1000-bbbbb2\n");
            assertThat(p.tables()).as("the rollback of step 2 was undone with the rest").contains("public.coaches");
            assertThat(p.run("history").out()).contains("applied").doesNotContain("partial");
        }
    }

    @Test
    void aChangeSetEditedAfterItWasAppliedIsNamed() throws Exception {
        try (Project p = Project.create()) {
            String file = p.migration("20261101_1000-aaaaa1", "teams",
                    cs("CREATE TABLE public.teams (id integer);", "DROP TABLE public.teams;"));
            assertThat(p.run("upgrade").exit()).isZero();
            p.migration("20261102_1000-bbbbb2", "players", cs("CREATE TABLE public.players (id integer);", "DROP TABLE public.players;"));
            Path path = p.changelogs.dir().resolve(file);
            Files.writeString(path, Files.readString(path).replace("(id integer)", "(id bigint)"));

            Cli.Result up = p.run("upgrade");
            assertThat(up.exit()).as("%s", up).isEqualTo(2);
            assertThat(up.err()).isEqualTo("error: changeSet jpa-migrate:20261101_1000-aaaaa1-1 in " + file
                    + " was edited after it was applied (checksum mismatch); nothing was run. Restore the file as it"
                    + " was applied and put the change in a new migration (./migrate create)\n");
            assertThat(p.tables()).doesNotContain("players");
        }
    }

    @Test
    void malformedChangelogsGiveOneLine() throws Exception {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "teams", cs("CREATE TABLE public.teams (id integer);", "DROP TABLE public.teams;"));
            Path master = p.changelogs.master();
            String good = Files.readString(master);

            Files.writeString(master, good.replace("</databaseChangeLog>", "<include file=\"x.sql\"</databaseChangeLog>"));
            Cli.Result broken = p.run("upgrade");
            assertThat(broken.exit()).as("%s", broken).isEqualTo(2);
            assertThat(broken.err()).startsWith("error: malformed changelog (nothing was run): ")
                    .contains("db.changelog-master.xml").hasLineCount(1);

            Files.writeString(master, good.replace("</databaseChangeLog>",
                    "<include file=\"missing.sql\" relativeToChangelogFile=\"true\"/></databaseChangeLog>"));
            Cli.Result missing = p.run("upgrade");
            assertThat(missing.exit()).as("%s", missing).isEqualTo(2);
            assertThat(missing.err()).startsWith("error: malformed changelog (nothing was run): ").contains("missing.sql")
                    .hasLineCount(1);

            Files.writeString(master, good);
            p.changelogs.add("20261102_1000-bbbbb2_garbage.sql",
                    "-- liquibase formatted sql\n\n-- changeset no author here\nCREATE TABLE x (id integer);\n");
            Cli.Result garbage = p.run("upgrade");
            assertThat(garbage.exit()).as("%s", garbage).isEqualTo(2);
            assertThat(garbage.err()).startsWith("error: malformed changelog (nothing was run): ")
                    .contains("20261102_1000-bbbbb2_garbage.sql").hasLineCount(1);
            for (String command : List.of("current", "history", "stamp head", "downgrade", "reset")) {
                Cli.Result r = p.run(command.split(" "));
                assertThat(r.exit()).as("%s: %s", command, r).isEqualTo(2);
                assertThat(r.err()).as(command).startsWith("error: malformed changelog").hasLineCount(1);
            }
            assertThat(p.tables()).as("nothing ran").doesNotContain("teams");
        }
    }
}
