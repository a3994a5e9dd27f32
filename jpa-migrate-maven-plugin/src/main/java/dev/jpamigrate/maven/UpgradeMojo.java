package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/** Applies every pending changeSet, one transaction per migration file. */
@Mojo(name = "upgrade")
public class UpgradeMojo extends MigrateMojo {
    /** Print the SQL instead; change nothing in the database. */
    @Parameter(property = "jpa-migrate.sql", defaultValue = "false")
    boolean sql;

    @Override
    String command() {
        return "upgrade";
    }

    @Override
    List<String> commandOptions() {
        return sql ? List.of("--sql") : List.of();
    }
}
