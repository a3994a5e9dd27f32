package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;

/** Releases the Liquibase lock a killed run left behind. */
@Mojo(name = "unlock")
public class UnlockMojo extends MigrateMojo {
    @Override
    String command() {
        return "unlock";
    }
}
