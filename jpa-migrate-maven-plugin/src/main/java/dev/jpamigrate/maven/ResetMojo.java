package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/** Reverts every applied migration. */
@Mojo(name = "reset")
public class ResetMojo extends MigrateMojo {
    /** Print the rollback SQL instead; change nothing in the database. */
    @Parameter(property = "jpa-migrate.sql", defaultValue = "false")
    boolean sql;

    @Override
    String command() {
        return "reset";
    }

    @Override
    List<String> commandOptions() {
        return sql ? List.of("--sql") : List.of();
    }
}
