package dev.jpamigrate.lifecycle;

import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A work directory with hand-written migrations in the generator's format, and a fresh database on the real
 * PostgreSQL; commands run through the in-process command line against both.
 */
final class Project implements AutoCloseable {
    final Path work;
    final TestPostgres.Db db;
    final Cli cli;
    final Changelogs changelogs;

    private Project(Path work, TestPostgres.Db db) {
        this.work = work;
        this.db = db;
        this.cli = new Cli(work, Map.of());
        this.changelogs = new Changelogs(work.resolve("changelogs"));
    }

    static Project create() {
        try {
            return new Project(Files.createTempDirectory("jpa-migrate-lc"), TestPostgres.create());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh project with three migrations, none applied: aaaaa1 creates teams, bbbbb2 creates players and adds its
     * team_id (two changeSets), ccccc3 adds the team's name.
     */
    static Project threeMigrations() {
        Project p = create();
        p.migration("20261101_1000-aaaaa1", "create teams",
                cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
        p.migration("20261102_1000-bbbbb2", "add players",
                cs("CREATE TABLE public.players (id integer PRIMARY KEY);", "DROP TABLE public.players;"),
                cs("ALTER TABLE public.players ADD COLUMN team_id integer REFERENCES public.teams(id);",
                        "ALTER TABLE public.players DROP COLUMN team_id;"));
        p.migration("20261103_1000-ccccc3", "add team name",
                cs("ALTER TABLE public.teams ADD COLUMN name text;", "ALTER TABLE public.teams DROP COLUMN name;"));
        return p;
    }

    /** One changeSet: forward SQL and its rollback. */
    record ChangeSet(String sql, String rollback) {
    }

    static ChangeSet cs(String sql, String rollback) {
        return new ChangeSet(sql, rollback);
    }

    /** Writes a migration the way {@code create} does (header, logicalFilePath, rollbacks) and includes it. */
    String migration(String revision, String message, ChangeSet... changeSets) {
        String file = revision + "_" + message.replaceAll("[^a-z0-9]+", "_") + ".sql";
        StringBuilder text = new StringBuilder("-- liquibase formatted sql\n\n-- Migration: " + message
                + "\n-- Revision: " + revision + "\n");
        for (int i = 0; i < changeSets.length; i++) {
            text.append("\n-- changeset jpa-migrate:").append(revision).append("-").append(i + 1)
                    .append(" logicalFilePath:").append(file).append("\n-- comment: step ").append(i + 1).append("\n")
                    .append(changeSets[i].sql()).append("\n-- rollback ").append(changeSets[i].rollback()).append("\n");
        }
        changelogs.add(file, text.toString());
        return file;
    }

    /** Runs a command against this project's database and changelogs. */
    Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--changelogs", "changelogs"));
        return cli.run(all.toArray(String[]::new));
    }

    /** The tables of the database, sorted, comma-separated; tracking tables included. */
    String tables() {
        return query("select coalesce(string_agg(table_schema || '.' || table_name, ',' order by 1), '')"
                + " from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')");
    }

    /** The rows of databasechangelog as id|file|exectype, in run order; empty when the table does not exist. */
    List<String> changelogRows() {
        if (query("select to_regclass('public.databasechangelog') is not null").equals("f")) {
            return List.of();
        }
        return List.of(query("select coalesce(string_agg(id || '|' || filename || '|' || exectype, ',' order by"
                + " orderexecuted), '') from databasechangelog").split(",")).stream().filter(s -> !s.isEmpty()).toList();
    }

    String query(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
