package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/** Reverts the last migration files with their rollbacks: {@code mvn jpa-migrate:downgrade -Dcount=2}. */
@Mojo(name = "downgrade")
public class DowngradeMojo extends MigrateMojo {
    /** How many migration files to revert. */
    @Parameter(property = "count", defaultValue = "1")
    int count;

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
        return List.of(String.valueOf(count));
    }
}
