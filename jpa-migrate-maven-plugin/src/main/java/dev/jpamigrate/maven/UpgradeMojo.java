package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Applies every pending changeSet, one transaction per migration file; {@code -Drevision=a1b2c3} stops after that
 * migration.
 */
@Mojo(name = "upgrade")
public class UpgradeMojo extends MigrateMojo {
    /** Print the SQL instead; change nothing in the database. */
    @Parameter(property = "jpa-migrate.sql", defaultValue = "false")
    boolean sql;

    /** The last migration to apply ({@code head}, the default: all of them). */
    @Parameter(property = "revision")
    String revision;

    @Override
    List<String> commandArguments() {
        return revision != null && !revision.isBlank() ? List.of(revision) : List.of();
    }

    @Override
    String command() {
        return "upgrade";
    }

    @Override
    List<String> commandOptions() {
        return sql ? List.of("--sql") : List.of();
    }
}
