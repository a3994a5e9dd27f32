package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Reverts the last migration files with their rollbacks: {@code mvn jpa-migrate:downgrade -Dcount=2}, or every one after
 * a revision: {@code -Drevision=a1b2c3} ({@code base}: all of them).
 */
@Mojo(name = "downgrade")
public class DowngradeMojo extends MigrateMojo {
    /** How many migration files to revert. */
    @Parameter(property = "count", defaultValue = "1")
    int count;

    /** The revision to go back to (it becomes current), or {@code base}; when set, {@code count} is not used. */
    @Parameter(property = "revision")
    String revision;

    /** Print the rollback SQL instead; change nothing in the database. */
    @Parameter(property = "jpa-migrate.sql", defaultValue = "false")
    boolean sql;

    @Override
    String command() {
        return "downgrade";
    }

    @Override
    List<String> commandOptions() {
        return sql ? List.of("--sql") : List.of();
    }

    @Override
    List<String> commandArguments() {
        return List.of(revision != null && !revision.isBlank() ? revision : String.valueOf(count));
    }
}
