package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;

/** Prints the revision the database is at, {@code (head)} when nothing is pending. Only reads. */
@Mojo(name = "current")
public class CurrentMojo extends MigrateMojo {
    @Override
    String command() {
        return "current";
    }
}
