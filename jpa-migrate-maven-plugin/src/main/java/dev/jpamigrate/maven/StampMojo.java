package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Records the migrations up to a revision as applied without running them: {@code mvn jpa-migrate:stamp
 * -Drevision=head}, for a database whose tables existed before the migrations did.
 */
@Mojo(name = "stamp")
public class StampMojo extends MigrateMojo {
    /** {@code head}, a revision id ({@code a1b2c3} or {@code 20261123_2014-a1b2c3}) or a migration file name. */
    @Parameter(property = "revision", required = true)
    String revision;

    @Override
    String command() {
        return "stamp";
    }

    @Override
    List<String> commandArguments() {
        return List.of(revision);
    }
}
