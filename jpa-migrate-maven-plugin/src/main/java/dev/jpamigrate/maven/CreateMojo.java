package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.List;

/**
 * Writes a migration for the difference between the entities and the database at head:
 * {@code mvn jpa-migrate:create -Dmessage="add user timezone"}. Compiles the project first.
 */
@Mojo(name = "create", requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.COMPILE)
public class CreateMojo extends MigrateMojo {
    /** What the migration does, e.g. "add user timezone": its file name and its {@code -- Migration:} line. */
    @Parameter(property = "message", required = true)
    String message;

    /** Skip applying and rolling back the new migration on a scratch database before it is written. */
    @Parameter(property = "jpa-migrate.noVerify", defaultValue = "false")
    boolean noVerify;

    @Override
    String command() {
        return "create";
    }

    @Override
    List<String> commandOptions() {
        return noVerify ? List.of("--no-verify") : List.of();
    }

    @Override
    List<String> commandArguments() {
        return List.of(message);
    }

    @Override
    boolean readsEntities() {
        return true;
    }
}
