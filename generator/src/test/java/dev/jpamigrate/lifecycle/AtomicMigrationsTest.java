package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;

/** A migration file is applied or reverted whole, or not at all, on the real PostgreSQL with rows in the tables. */
class AtomicMigrationsTest {

    @Test
    void aFailedUpgradeKeepsTheValuesOfAColumnItsEarlierChangeSetDropped() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "users", cs("CREATE TABLE public.users (id integer PRIMARY KEY,"
                    + " display_name text);", "DROP TABLE public.users;"));
            assertThat(p.run("upgrade").exit()).isZero();
            p.db.execute("INSERT INTO public.users VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus')");
            p.migration("20261102_1000-bbbbb2", "replace display name",
                    cs("ALTER TABLE public.users DROP COLUMN display_name;",
                            "ALTER TABLE public.users ADD COLUMN display_name text;"),
                    cs("ALTER TABLE public.users ADD COLUMN email text NOT NULL;",
                            "ALTER TABLE public.users DROP COLUMN email;"));

            Cli.Result up = p.run("upgrade");

            assertThat(up.exit()).as("%s", up).isEqualTo(2);
            assertThat(up.err()).isEqualTo("error: migration 20261102_1000-bbbbb2 failed at changeSet"
                    + " jpa-migrate:20261102_1000-bbbbb2-2: ERROR: column \"email\" of relation \"users\" contains null"
                    + " values; it was rolled back as a whole (no change of it stays), so the database is at"
                    + " 20261101_1000-aaaaa1\n");
            assertThat(p.query("select string_agg(display_name, ',' order by id) from public.users"))
                    .as("the dropped column's values are back, not just the column").isEqualTo("Ada,Grace,Linus");
            assertThat(p.changelogRows()).as("no tracking row of the failed file").hasSize(1);
            assertThat(p.query("select count(*) from databasechangeloglock where locked"))
                    .as("the lock is released").isEqualTo("0");
        }
    }

    @Test
    void aFailedDowngradeKeepsTheDataItsEarlierStepsDropped() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "teams", cs("CREATE TABLE public.teams (id integer PRIMARY KEY);",
                    "DROP TABLE public.teams;"));
            p.migration("20261102_1000-bbbbb2", "notes",
                    cs("CREATE TABLE public.archive (id integer);", "DROP TABLE public.archive;"),
                    cs("ALTER TABLE public.teams ADD COLUMN note text;", "ALTER TABLE public.teams DROP COLUMN note;"));
            assertThat(p.run("upgrade").exit()).isZero();
            p.db.execute("INSERT INTO public.teams VALUES (1, 'keep one'), (2, 'keep two')",
                    "DROP TABLE public.archive"); // dropped by hand, so the last rollback step fails
            List<String> rows = p.changelogRows();

            Cli.Result down = p.run("downgrade");

            assertThat(down.exit()).as("%s", down).isEqualTo(2);
            assertThat(down.err()).isEqualTo("error: downgrade of 20261102_1000-bbbbb2 failed at changeSet"
                    + " jpa-migrate:20261102_1000-bbbbb2-1: ERROR: table \"archive\" does not exist; it was not reverted"
                    + " (its rollback was undone as a whole, so its data is as it was), so the database is at"
                    + " 20261102_1000-bbbbb2\n");
            assertThat(p.query("select string_agg(note, ',' order by id) from public.teams"))
                    .as("the column the first rollback step dropped still holds its values").isEqualTo("keep one,keep two");
            assertThat(p.changelogRows()).isEqualTo(rows);
        }
    }

    @Test
    void aDowngradeOfSeveralFilesKeepsTheFilesItRevertedBeforeTheFailure() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "a", cs("CREATE TABLE public.a (id integer);", "DROP TABLE public.nope;"));
            p.migration("20261102_1000-bbbbb2", "b", cs("CREATE TABLE public.b (id integer);", "DROP TABLE public.b;"));
            assertThat(p.run("upgrade").exit()).isZero();

            Cli.Result down = p.run("downgrade", "2");

            assertThat(down.exit()).as("%s", down).isEqualTo(2);
            assertThat(down.err()).isEqualTo("error: downgrade of 20261101_1000-aaaaa1 failed at changeSet"
                    + " jpa-migrate:20261101_1000-aaaaa1-1: ERROR: table \"nope\" does not exist; it was not reverted"
                    + " (its rollback was undone as a whole, so its data is as it was); 1 migration(s) reverted before"
                    + " it stay reverted, so the database is at 20261101_1000-aaaaa1\n");
            assertThat(p.tables()).contains("public.a").doesNotContain("public.b");
            assertThat(p.changelogRows()).hasSize(1);
        }
    }

    @Test
    void stampMarksHundredsOfChangeSetsInOneOperation() {
        try (Project p = Project.create()) {
            for (int file = 0; file < 2; file++) {
                Project.ChangeSet[] steps = new Project.ChangeSet[250];
                for (int i = 0; i < steps.length; i++) {
                    steps[i] = cs("CREATE TABLE public.t_" + file + "_" + i + " (id integer);",
                            "DROP TABLE public.t_" + file + "_" + i + ";");
                }
                p.migration("2026110" + (file + 1) + "_1000-aaaaa" + file, "many " + file, steps);
            }

            Cli.Result stamp = p.run("stamp", "head");

            assertThat(stamp.exit()).as("%s", stamp).isZero();
            assertThat(stamp.out()).contains("500 changeSet(s) in 2 migration(s) marked as applied, none run");
            assertThat(p.changelogRows()).hasSize(500).allMatch(r -> r.endsWith("|EXECUTED"));
            assertThat(p.tables()).as("nothing ran").doesNotContain("public.t_0_0");
            assertThat(p.run("current").out()).isEqualTo("20261102_1000-aaaaa1 (head)\n");
            assertThat(p.query("select count(*) from databasechangeloglock where locked")).isEqualTo("0");
        }
    }

    @Test
    void anAppliedFileThatWasDeletedIsNamedAndDowngradeRefusesToCrossIt() throws Exception {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "a", cs("CREATE TABLE public.a (id integer);", "DROP TABLE public.a;"));
            String second = p.migration("20261102_1000-bbbbb2", "b",
                    cs("CREATE TABLE public.b (id integer);", "DROP TABLE public.b;"));
            assertThat(p.run("upgrade").exit()).isZero();
            Files.delete(p.changelogs.dir().resolve(second));
            Path master = p.changelogs.master();
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(master)) {
                if (!line.contains(second)) {
                    kept.add(line);
                }
            }
            Files.write(master, kept);
            List<String> rows = p.changelogRows();
            String warning = "WARNING: " + second + " is recorded as applied but is not in the changelogs (deleted or"
                    + " renamed after it ran?); restore it from version control\n";

            Cli.Result up = p.run("upgrade");
            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.err()).isEqualTo(warning);
            assertThat(p.run("current").err()).isEqualTo(warning);
            assertThat(p.run("history").err()).isEqualTo(warning);

            Cli.Result down = p.run("downgrade");
            assertThat(down.exit()).as("%s", down).isEqualTo(2);
            assertThat(down.err()).isEqualTo("error: cannot revert " + second + ": the database has changeSets of it"
                    + " applied, but the changelogs no longer hold them, so their rollback is unknown. Restore the file"
                    + " from version control; nothing was changed\n");
            Cli.Result reset = p.run("reset");
            assertThat(reset.exit()).as("%s", reset).isEqualTo(2);
            assertThat(p.changelogRows()).isEqualTo(rows);
            assertThat(p.tables()).contains("public.a", "public.b");
        }
    }
}
