package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jpamigrate.lifecycle.Project.cs;
import static dev.jpamigrate.lifecycle.Project.threeMigrations;
import static org.assertj.core.api.Assertions.assertThat;

/** Each lifecycle command on the real PostgreSQL, with hand-written migrations in the generator's format. */
class LifecycleCommandsTest {

    @Test
    void upgradeAppliesEverythingWithHeadingAndSuccessLine() {
        try (Project p = threeMigrations()) {
            Cli.Result up = p.run("upgrade");
            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.out()).as("heading, one line per migration, success line").startsWith("Upgrading postgresql://")
                    .contains("Running upgrade  -> 20261101_1000-aaaaa1, create teams\n")
                    .contains("Running upgrade 20261101_1000-aaaaa1 -> 20261102_1000-bbbbb2, add players\n")
                    .contains("Running upgrade 20261102_1000-bbbbb2 -> 20261103_1000-ccccc3, add team name\n")
                    .endsWith("Upgraded to 20261103_1000-ccccc3 (head): 4 changeSet(s) in 3 migration(s) applied\n");
            assertThat(p.tables()).contains("public.players", "public.teams");

            Cli.Result again = p.run("upgrade");
            assertThat(again.out()).contains("Already at 20261103_1000-ccccc3 (head): nothing to apply");
        }
    }

    @Test
    void quietPrintsOnlyTheResult() {
        try (Project p = threeMigrations()) {
            Cli.Result up = p.run("upgrade", "--quiet");
            assertThat(up.exit()).isZero();
            assertThat(up.out()).isEqualTo("Upgraded to 20261103_1000-ccccc3 (head): 4 changeSet(s) in 3 migration(s) applied\n");
        }
    }

    @Test
    void manyChangeSetsShowProgress() {
        try (Project p = Project.create()) {
            Project.ChangeSet[] many = new Project.ChangeSet[12];
            for (int i = 0; i < many.length; i++) {
                many[i] = cs("CREATE TABLE public.t" + i + " (id integer);", "DROP TABLE public.t" + i + ";");
            }
            p.migration("20261101_1000-aaaaa1", "many tables", many);
            Cli.Result up = p.run("upgrade");
            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.out()).contains("  [1/12] 20261101_1000-aaaaa1-1 step 1\n").contains("  [12/12] 20261101_1000-aaaaa1-12 step 12\n");
        }
    }

    @Test
    void upgradeSqlPrintsTheSqlAndTouchesNothing() {
        try (Project p = threeMigrations()) {
            Cli.Result sql = p.run("upgrade", "--sql");
            assertThat(sql.exit()).as("%s", sql).isZero();
            assertThat(sql.out()).contains("CREATE TABLE public.teams (id integer PRIMARY KEY);")
                    .contains("ALTER TABLE public.teams ADD COLUMN name text;")
                    .contains("INSERT INTO public.databasechangelog");
            assertThat(p.tables()).as("no tracking table, no migration table on a fresh database").isEmpty();

            p.run("stamp", "aaaaa1");
            p.run("upgrade"); // now at head with real tables; add a pending migration
            p.migration("20261104_1000-ddddd4", "add coach",
                    cs("CREATE TABLE public.coaches (id integer);", "DROP TABLE public.coaches;"));
            String tables = p.tables();
            List<String> rows = p.changelogRows();
            String dump = p.db.dump();
            Cli.Result pending = p.run("upgrade", "--sql");
            assertThat(pending.out()).contains("CREATE TABLE public.coaches (id integer);").doesNotContain("public.teams (id");
            assertThat(p.tables()).isEqualTo(tables);
            assertThat(p.changelogRows()).isEqualTo(rows);
            assertThat(p.db.dump()).isEqualTo(dump);
            assertThat(p.query("select locked::text from databasechangeloglock")).isEqualTo("false");
        }
    }

    @Test
    void lookingAtAFreshDatabaseCreatesNoTrackingTable() {
        try (Project p = threeMigrations(); java.sql.Connection c = p.db.connect()) {
            assertThat(new dev.jpamigrate.run.LiquibaseRunner(c, p.changelogs).pending()).hasSize(4);
            assertThat(p.run("history").exit()).isZero();
            assertThat(p.run("current").exit()).isZero();
            assertThat(p.run("downgrade", "--sql").exit()).isEqualTo(2);
            assertThat(p.tables()).isEmpty();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void downgradeRevertsTheLastFilesAndSqlChangesNothing() {
        try (Project p = threeMigrations()) {
            p.run("upgrade");
            Cli.Result sql = p.run("downgrade", "2", "--sql");
            assertThat(sql.exit()).as("%s", sql).isZero();
            assertThat(sql.out()).contains("ALTER TABLE public.teams DROP COLUMN name;")
                    .contains("DROP TABLE public.players;").doesNotContain("DROP TABLE public.teams;");
            assertThat(p.changelogRows()).hasSize(4);

            Cli.Result down = p.run("downgrade", "2");
            assertThat(down.exit()).as("%s", down).isZero();
            assertThat(down.out()).startsWith("Downgrading postgresql://")
                    .contains("Running downgrade 20261103_1000-ccccc3 -> 20261102_1000-bbbbb2, add team name\n")
                    .contains("Running downgrade 20261102_1000-bbbbb2 -> 20261101_1000-aaaaa1, add players\n")
                    .endsWith("Downgraded to 20261101_1000-aaaaa1 (2 migration(s) pending): 3 changeSet(s) in 2 migration(s) reverted\n");
            assertThat(p.tables()).contains("public.teams").doesNotContain("players");
        }
    }

    @Test
    void resetSqlPrintsEveryRollbackAndChangesNothing() {
        try (Project p = threeMigrations()) {
            p.run("upgrade");
            String dump = p.db.dump();
            Cli.Result sql = p.run("reset", "--sql");
            assertThat(sql.exit()).as("%s", sql).isZero();
            assertThat(sql.out()).contains("ALTER TABLE public.teams DROP COLUMN name;", "DROP TABLE public.players;",
                    "DROP TABLE public.teams;");
            assertThat(p.db.dump()).isEqualTo(dump);
            assertThat(p.changelogRows()).hasSize(4);
            Cli.Result reset = p.run("reset", "--quiet");
            assertThat(reset.out()).isEqualTo("Reset: 4 changeSet(s) in 3 migration(s) reverted; no migration is applied\n");
            assertThat(p.tables()).isEqualTo("public.databasechangelog,public.databasechangeloglock");
        }
    }

    @Test
    void helpListsTheLifecycleCommands() {
        try (Project p = Project.create()) {
            Cli.Result help = p.cli.run("--help");
            assertThat(help.out()).contains("upgrade", "downgrade", "reset", "current", "history", "stamp", "unlock");
            assertThat(p.cli.run("help", "upgrade").out()).contains("--lock-timeout=SECONDS", "--sql");
        }
    }

    @Test
    void downgradePastTheFirstMigrationFailsAndChangesNothing() {
        try (Project p = threeMigrations()) {
            p.run("upgrade");
            String dump = p.db.dump();
            Cli.Result down = p.run("downgrade", "4");
            assertThat(down.exit()).isEqualTo(2);
            assertThat(down.err()).isEqualTo("error: cannot downgrade 4 migration(s): only 3 applied (use ./migrate"
                    + " reset to revert them all); nothing was changed\n");
            assertThat(p.db.dump()).isEqualTo(dump);
            assertThat(p.changelogRows()).hasSize(4);
        }
        try (Project p = threeMigrations()) {
            Cli.Result none = p.run("downgrade");
            assertThat(none.exit()).isEqualTo(2);
            assertThat(none.err()).contains("nothing to downgrade: no migration is applied");
        }
    }

    @Test
    void currentSaysNothingAppliedThenRevisionThenHead() {
        try (Project p = threeMigrations()) {
            Cli.Result none = p.run("current");
            assertThat(none.exit()).as("%s", none).isZero();
            assertThat(none.out()).isEqualTo("no migration applied (3 migration(s) pending)\n");
            assertThat(p.tables()).as("current creates no tracking table").isEmpty();

            assertThat(p.run("upgrade").exit()).isZero();
            assertThat(p.run("current").out()).isEqualTo("20261103_1000-ccccc3 (head)\n");
            assertThat(p.run("downgrade").exit()).isZero();
            assertThat(p.run("current").out()).isEqualTo("20261102_1000-bbbbb2 (1 migration(s) pending)\n");
        }
    }

    @Test
    void historyListsEveryMigrationWithState() {
        try (Project p = threeMigrations()) {
            p.run("stamp", "20261101_1000-aaaaa1");
            Cli.Result history = p.run("history");
            assertThat(history.exit()).as("%s", history).isZero();
            String[] lines = history.out().split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[0]).matches("20261101_1000-aaaaa1  2026-11-01 10:00  create teams   applied \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(current\\)");
            assertThat(lines[1]).isEqualTo("20261102_1000-bbbbb2  2026-11-02 10:00  add players    pending");
            assertThat(lines[2]).isEqualTo("20261103_1000-ccccc3  2026-11-03 10:00  add team name  pending (head)");
        }
    }

    @Test
    void stampMarksWithoutRunningAndAcceptsEveryRevisionForm() {
        try (Project p = threeMigrations()) {
            p.db.execute("CREATE TABLE public.teams (id integer PRIMARY KEY)"); // made before migrations existed
            Cli.Result stamp = p.run("stamp", "20261101_1000-aaaaa1_create_teams.sql");
            assertThat(stamp.exit()).as("%s", stamp).isZero();
            assertThat(stamp.out()).contains("  marked 20261101_1000-aaaaa1, create teams\n")
                    .endsWith("Stamped 20261101_1000-aaaaa1 (2 migration(s) pending): 1 changeSet(s) in 1 migration(s)"
                            + " marked as applied, none run\n");
            assertThat(p.changelogRows()).containsExactly("20261101_1000-aaaaa1-1|20261101_1000-aaaaa1_create_teams.sql|EXECUTED");

            Cli.Result up = p.run("upgrade");
            assertThat(up.exit()).as("upgrade after stamp skips the existing table\n%s", up).isZero();
            assertThat(up.out()).doesNotContain("create teams").contains("3 changeSet(s) in 2 migration(s) applied");

            try (Project q = threeMigrations()) {
                assertThat(q.run("stamp", "bbbbb2").exit()).isZero();
                assertThat(q.changelogRows()).hasSize(3);
                assertThat(q.run("stamp", "head").out()).contains("Stamped 20261103_1000-ccccc3 (head): 1 changeSet(s)");
                assertThat(q.run("stamp", "head").out()).contains("Already stamped: 20261103_1000-ccccc3 (head)");
                assertThat(q.tables()).doesNotContain("teams");
            }
        }
    }

    @Test
    void stampWithAnUnknownRevisionFailsAndChangesNothing() {
        try (Project p = threeMigrations()) {
            Cli.Result stamp = p.run("stamp", "fffff9");
            assertThat(stamp.exit()).isEqualTo(2);
            assertThat(stamp.err()).isEqualTo("error: unknown revision 'fffff9': not in "
                    + p.changelogs.master() + " (./migrate history lists them); nothing was changed\n");
            assertThat(p.tables()).isEmpty();

            p.run("upgrade");
            List<String> rows = p.changelogRows();
            assertThat(p.run("stamp", "nope").exit()).isEqualTo(2);
            assertThat(p.changelogRows()).isEqualTo(rows);
        }
    }
}
