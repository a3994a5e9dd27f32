package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the entities' schema as a Mermaid {@code erDiagram}: to the build log, or to a file ({@code .md} wraps it in
 * a mermaid block). Compiles the project first.
 */
@Mojo(name = "erd", requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.COMPILE)
public class ErdMojo extends MigrateMojo {
    /** The file to write, e.g. {@code docs/schema.md}; default: the build log. */
    @Parameter(property = "jpa-migrate.output")
    File output;

    /** Only these tables: comma-separated names or globs ({@code orders,order_*}). */
    @Parameter(property = "jpa-migrate.tables")
    String tables;

    @Override
    String command() {
        return "erd";
    }

    @Override
    List<String> commandOptions() {
        List<String> options = new ArrayList<>();
        if (output != null) {
            options.add("--output=" + output.getAbsolutePath());
        }
        if (tables != null && !tables.isBlank()) {
            options.add("--tables=" + tables.trim());
        }
        return options;
    }

    @Override
    boolean readsEntities() {
        return true;
    }
}
