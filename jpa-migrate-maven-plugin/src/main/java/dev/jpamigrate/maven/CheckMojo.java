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

    /**
     * Model drift only (what the pre-commit hook runs): the entities against the changelogs, on an embedded
     * PostgreSQL; {@code DATABASE_URL} and {@code .env} are not read, and a url is refused.
     */
    @Parameter(property = "jpa-migrate.modelOnly", defaultValue = "false")
    boolean modelOnly;

    @Override
    String command() {
        return "check";
    }

    @Override
    List<String> commandOptions() {
        List<String> options = new java.util.ArrayList<>();
        if (format != null && !format.isBlank()) {
            options.add("--format=" + format.trim());
        }
        if (modelOnly) {
            options.add("--model-only");
        }
        return options;
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
