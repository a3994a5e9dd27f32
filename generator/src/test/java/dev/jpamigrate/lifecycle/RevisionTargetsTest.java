package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;

import static dev.jpamigrate.lifecycle.Project.threeMigrations;
import static org.assertj.core.api.Assertions.assertThat;

/** upgrade REV, downgrade REV, downgrade -N and base on the real PostgreSQL. */
class RevisionTargetsTest {

    @Test
    void upgradeToARevisionThenDowngradeBackToOne() {
        try (Project p = threeMigrations()) {
            Cli.Result up = p.run("upgrade", "bbbbb2");
            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.out()).contains("Running upgrade 20261101_1000-aaaaa1 -> 20261102_1000-bbbbb2, add players\n")
                    .doesNotContain("ccccc3, add team name")
                    .endsWith("Upgraded to 20261102_1000-bbbbb2 (1 migration(s) pending): 3 changeSet(s) in 2"
                            + " migration(s) applied\n");
            assertThat(p.changelogRows()).hasSize(3);
            assertThat(p.tables()).contains("public.players");

            Cli.Result same = p.run("upgrade", "20261102", "--quiet");
            assertThat(same.out()).as("a prefix of the revision; already there")
                    .isEqualTo("Already at 20261102_1000-bbbbb2 (1 migration(s) pending): nothing to apply\n");

            Cli.Result behind = p.run("upgrade", "aaaaa1");
            assertThat(behind.exit()).as("%s", behind).isEqualTo(2);
            assertThat(behind.err()).isEqualTo("error: cannot upgrade to 20261101_1000-aaaaa1: the database is at"
                    + " 20261102_1000-bbbbb2, past it; upgrade never reverts (use ./migrate downgrade aaaaa1);"
                    + " nothing was changed\n");

            Cli.Result sql = p.run("upgrade", "ccccc3", "--sql");
            assertThat(sql.exit()).as("%s", sql).isZero();
            assertThat(sql.out()).contains("ALTER TABLE public.teams ADD COLUMN name text;")
                    .doesNotContain("CREATE TABLE public.players");
            assertThat(p.changelogRows()).hasSize(3);

            assertThat(p.run("upgrade").exit()).isZero();
            Cli.Result down = p.run("downgrade", "aaaaa1");
            assertThat(down.exit()).as("%s", down).isZero();
            assertThat(down.out()).contains("Running downgrade 20261103_1000-ccccc3 -> 20261102_1000-bbbbb2, add team name\n")
                    .contains("Running downgrade 20261102_1000-bbbbb2 -> 20261101_1000-aaaaa1, add players\n")
                    .endsWith("Downgraded to 20261101_1000-aaaaa1 (2 migration(s) pending): 3 changeSet(s) in 2"
                            + " migration(s) reverted\n");
            assertThat(p.changelogRows()).hasSize(1);
            assertThat(p.tables()).contains("public.teams").doesNotContain("players");

            Cli.Result again = p.run("downgrade", "aaaaa1", "--quiet");
            assertThat(again.out()).isEqualTo("Already at 20261101_1000-aaaaa1 (2 migration(s) pending): nothing to revert\n");

            Cli.Result ahead = p.run("downgrade", "ccccc3");
            assertThat(ahead.exit()).isEqualTo(2);
            assertThat(ahead.err()).isEqualTo("error: cannot downgrade to 20261103_1000-ccccc3: it is not applied (the"
                    + " database is at 20261101_1000-aaaaa1); downgrade never applies (use ./migrate upgrade ccccc3);"
                    + " nothing was changed\n");
            assertThat(p.changelogRows()).hasSize(1);
        }
    }

    @Test
    void downgradeToARevisionRefusesWhenAnEarlierMigrationRanLater() {
        try (Project p = threeMigrations()) {
            p.run("upgrade");
            // as if aaaaa1 had been applied last (a branch merged after the others ran): a rollback by count would
            // revert it first
            p.db.execute("UPDATE databasechangelog SET orderexecuted = 99 WHERE id = '20261101_1000-aaaaa1-1'");
            Cli.Result down = p.run("downgrade", "bbbbb2");
            assertThat(down.exit()).as("%s", down).isEqualTo(2);
            assertThat(down.err()).isEqualTo("error: cannot downgrade to 20261102_1000-bbbbb2: 20261101_1000-aaaaa1, at"
                    + " or before it, was applied after migrations that follow it, and rollbacks run in the order"
                    + " things were applied; revert by count instead (./migrate downgrade -1); nothing was changed\n");
            assertThat(p.changelogRows()).hasSize(4);
            assertThat(p.tables()).contains("public.players", "public.teams");
        }
    }

    @Test
    void downgradeByNegativeCountAndToBase() {
        try (Project p = threeMigrations()) {
            p.run("upgrade");
            Cli.Result last = p.run("downgrade", "-1", "--quiet");
            assertThat(last.exit()).as("%s", last).isZero();
            assertThat(last.out()).isEqualTo("Downgraded to 20261102_1000-bbbbb2 (1 migration(s) pending): 1 changeSet(s)"
                    + " in 1 migration(s) reverted\n");
            assertThat(p.tables()).contains("public.players");

            Cli.Result unknown = p.run("downgrade", "0badc0");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).startsWith("error: unknown revision '0badc0': not in ")
                    .endsWith(" (./migrate history lists them); nothing was changed\n");
            Cli.Result ambiguous = p.run("downgrade", "2026110");
            assertThat(ambiguous.exit()).isEqualTo(2);
            assertThat(ambiguous.err()).isEqualTo("error: revision '2026110' is ambiguous: it names"
                    + " 20261101_1000-aaaaa1, 20261102_1000-bbbbb2, 20261103_1000-ccccc3; give more of it; nothing was"
                    + " changed\n");
            assertThat(p.changelogRows()).hasSize(3);

            Cli.Result sql = p.run("downgrade", "aaaaa1", "--sql");
            assertThat(sql.exit()).as("%s", sql).isZero();
            assertThat(sql.out()).contains("ALTER TABLE public.players DROP COLUMN team_id;", "DROP TABLE public.players;")
                    .doesNotContain("DROP TABLE public.teams;");
            assertThat(p.changelogRows()).as("--sql changes nothing").hasSize(3);

            Cli.Result base = p.run("downgrade", "base", "--quiet");
            assertThat(base.exit()).as("%s", base).isZero();
            assertThat(base.out()).isEqualTo("Downgraded to base (no migration applied): 3 changeSet(s) in 2"
                    + " migration(s) reverted\n");
            assertThat(p.tables()).isEqualTo("public.databasechangelog,public.databasechangeloglock");
        }
    }
}
