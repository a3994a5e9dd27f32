package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.List;

/**
 * The drift gate for CI: fails the build when the entities, the changelogs and (with a url) the database disagree,
 * with the drift printed. Compiles the project first.
 */
@Mojo(name = "check", requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.COMPILE)
public class CheckMojo extends MigrateMojo {
    /** {@code text}, {@code json} (for tools) or {@code markdown} (for a pull-request comment). */
    @Parameter(property = "jpa-migrate.format")
    String format;

    @Override
    String command() {
        return "check";
    }

    @Override
    List<String> commandOptions() {
        return format == null || format.isBlank() ? List.of() : List.of("--format=" + format.trim());
    }

    @Override
    boolean readsEntities() {
        return true;
    }

    @Override
    boolean outputIsVerdict() {
        return true;
    }
}
