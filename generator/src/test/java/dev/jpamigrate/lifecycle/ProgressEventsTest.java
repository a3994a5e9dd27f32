package dev.jpamigrate.lifecycle;

import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.Progress;
import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;

/** The progress of upgrade and stamp is data from the lifecycle, worded only by the command line. */
class ProgressEventsTest {
    @Test
    void upgradeReportsEachFileAndChangeSetAndStampItsPhase() throws Exception {
        try (Project p = Project.create()) {
            String teams = p.migration("20261101_1000-aaaaa1", "create teams",
                    cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
            String players = p.migration("20261102_1000-bbbbb2", "add players",
                    cs("CREATE TABLE public.players (id integer);", "DROP TABLE public.players;"),
                    cs("ALTER TABLE public.players ADD COLUMN name text;", "ALTER TABLE public.players DROP COLUMN name;"));
            p.migration("20261103_1000-ccccc3", "add coaches",
                    cs("CREATE TABLE public.coaches (id integer);", "DROP TABLE public.coaches;"));

            List<Progress> events = new ArrayList<>();
            try (Connection c = p.db.connect()) {
                new Lifecycle(c, p.changelogs, Duration.ZERO, line -> { }).events(events::add).upgrade("bbbbb2");
            }
            assertThat(events).containsExactly(
                    new Progress.File(1, 2, teams),
                    new Progress.ChangeSet(1, 3, "20261101_1000-aaaaa1-1"),
                    new Progress.File(2, 2, players),
                    new Progress.ChangeSet(2, 3, "20261102_1000-bbbbb2-1"),
                    new Progress.ChangeSet(3, 3, "20261102_1000-bbbbb2-2"));

            Cli ci = new Cli(p.work, Map.of("CI", "true"));
            Cli.Result stamp = ci.run("stamp", "head", "--url", p.db.jdbcUrl(), "--changelogs", "changelogs");
            assertThat(stamp.exit()).as("%s", stamp).isZero();
            assertThat(stamp.err()).as("in CI, one plain line per phase").isEqualTo("marking the migrations as applied\n");
            Cli.Result quiet = ci.run("upgrade", "--quiet", "--url", p.db.jdbcUrl(), "--changelogs", "changelogs");
            assertThat(quiet.err()).isEmpty();
        }
    }
}
