package dev.jpamigrate.lifecycle;

import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;

/** show REV: a migration's SQL both ways, from the file; applied or not with a database. */
class ShowTest {
    @TempDir
    Path work;

    private static final String TEAMS = """
            -- liquibase formatted sql

            -- Migration: create teams
            -- Revision: 20261101_1000-aaaaa1

            -- changeset jpa-migrate:20261101_1000-aaaaa1-1 logicalFilePath:20261101_1000-aaaaa1_create_teams.sql
            -- comment: create table teams
            CREATE TABLE public.teams (id integer PRIMARY KEY);
            -- rollback DROP TABLE public.teams;

            -- changeset jpa-migrate:20261101_1000-aaaaa1-2 logicalFilePath:20261101_1000-aaaaa1_create_teams.sql
            -- comment: add column teams.name
            ALTER TABLE public.teams ADD COLUMN name text;
            -- rollback ALTER TABLE public.teams DROP COLUMN name;
            """;

    @Test
    void withoutADatabase() {
        new Changelogs(work.resolve("changelogs")).add("20261101_1000-aaaaa1_create_teams.sql", TEAMS);
        Cli.Result show = new Cli(work).run("show", "aaa", "--changelogs", "changelogs");
        assertThat(show.exit()).as("%s", show).isZero();
        assertThat(show.err()).as("no note about an embedded database: none is started").isEmpty();
        assertThat(show.out()).isEqualTo("""
                -- Migration 20261101_1000-aaaaa1, create teams
                -- File: 20261101_1000-aaaaa1_create_teams.sql
                -- Applied: not known without a database (pass --url)

                -- upgrade
                -- changeSet jpa-migrate:20261101_1000-aaaaa1-1: create table teams
                CREATE TABLE public.teams (id integer PRIMARY KEY);
                -- changeSet jpa-migrate:20261101_1000-aaaaa1-2: add column teams.name
                ALTER TABLE public.teams ADD COLUMN name text;

                -- downgrade (the rollbacks, last changeSet first, as a downgrade runs them)
                -- changeSet jpa-migrate:20261101_1000-aaaaa1-2: add column teams.name
                ALTER TABLE public.teams DROP COLUMN name;
                -- changeSet jpa-migrate:20261101_1000-aaaaa1-1: create table teams
                DROP TABLE public.teams;
                """);

        Cli.Result unknown = new Cli(work).run("show", "0badc0", "--changelogs", "changelogs");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: unknown revision '0badc0': not in ").endsWith(" lists them)\n");
    }

    @Test
    void withADatabaseSaysWhetherItIsApplied() {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "create teams",
                    cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
            p.migration("20261102_1000-bbbbb2", "add players",
                    cs("CREATE TABLE public.players (id integer);", "DROP TABLE public.players;"));
            p.run("upgrade", "aaaaa1");
            Cli.Result applied = p.run("show", "aaaaa1");
            assertThat(applied.exit()).as("%s", applied).isZero();
            assertThat(applied.out().lines().skip(2).findFirst().orElseThrow())
                    .matches("-- Applied \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC on postgresql://.*/" + p.db.name());
            Cli.Result pending = p.run("show", "20261102_1000-bbbbb2_add_players.sql");
            assertThat(pending.out().lines().skip(2).findFirst().orElseThrow())
                    .matches("-- Pending on postgresql://.*/" + p.db.name());
            assertThat(pending.out()).contains("\nCREATE TABLE public.players (id integer);\n")
                    .contains("\nDROP TABLE public.players;\n");
        }
    }
}
