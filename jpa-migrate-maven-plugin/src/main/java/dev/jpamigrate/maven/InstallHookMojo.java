package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Installs the pre-commit hook into the project's git repository. In a project that uses this plugin the hook runs
 * {@code mvn -q jpa-migrate:check} with {@code -Djpa-migrate.modelOnly=true}: it compiles first and checks model drift
 * only, never the database of {@code DATABASE_URL} or {@code .env}.
 */
@Mojo(name = "install-hook", requiresProject = true)
public class InstallHookMojo extends MigrateMojo {
    /** Replace an existing pre-commit hook that is not jpa-migrate's (it is kept as pre-commit.bak). */
    @Parameter(property = "jpa-migrate.force", defaultValue = "false")
    boolean force;

    @Override
    String command() {
        return "install-hook";
    }

    @Override
    List<String> commandOptions() {
        return force ? List.of("--force") : List.of();
    }
}
