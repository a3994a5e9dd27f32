package dev.jpamigrate.maven;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A goal runs one command of the command-line tool with the project base directory as its working directory, so
 * {@code migrate.properties} and {@code .env} there apply as they do to {@code jpa-migrate} typed in that directory.
 * What is set here overrides them. Exit code 1 (drift, a refused create) fails the build, 2 (usage, configuration,
 * connection) is a build error with the tool's one line; neither shows a stack trace unless -X or
 * {@code -Djpa-migrate.verbose}. Not marked thread-safe: the tool keeps some state per JVM (Liquibase's root scope
 * and log level, its verbose switch) and has never been run twice at once in one JVM.
 */
abstract class MigrateMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The build's local repository (settings.xml, -Dmaven.repo.local): where --pg-version finds binaries first. */
    @Parameter(defaultValue = "${settings.localRepository}", readonly = true)
    String localRepository;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    /**
     * The database: {@code jdbc:postgresql://host:port/db?user=..&password=..} or
     * {@code postgresql://user:pass@host:port/db}. Default: {@code DATABASE_URL}, then {@code .env}, then an
     * embedded PostgreSQL for the run.
     */
    @Parameter(property = "jpa-migrate.url")
    String url;

    /** Packages scanned for {@code @Entity} classes, comma-separated. Default: {@code entities=} in migrate.properties. */
    @Parameter(property = "jpa-migrate.entities")
    String entities;

    /** The changelog directory. Default: {@code changelogs=} in migrate.properties, else {@code changelogs}. */
    @Parameter(property = "jpa-migrate.changelogs")
    File changelogs;

    /** {@code hibernate} (default) or {@code spring} (Spring Boot's physical and implicit naming). */
    @Parameter(property = "jpa-migrate.naming")
    String naming;

    /** More command-line options, passed as they are: {@code <option>--no-cache</option>}. */
    @Parameter
    List<String> options;

    /** Explain each step, show timings and full stack traces; also on with Maven's -X. */
    @Parameter(property = "jpa-migrate.verbose", defaultValue = "false")
    boolean verbose;

    /** Print only errors and results; also on with Maven's -q. */
    @Parameter(property = "jpa-migrate.quiet", defaultValue = "false")
    boolean quiet;

    @Parameter(property = "jpa-migrate.skip", defaultValue = "false")
    boolean skip;

    /** The tool's command: {@code check}, {@code upgrade}, ... */
    abstract String command();

    /** The command's own options, before the shared ones. */
    List<String> commandOptions() {
        return List.of();
    }

    /** The command's positional arguments, after {@code --} so that a message starting with '-' stays a message. */
    List<String> commandArguments() {
        return List.of();
    }

    /** Whether the command reads the entity classes: then the project's runtime class path goes in as theirs. */
    boolean readsEntities() {
        return false;
    }

    /**
     * Whether the command's output is its verdict (check): held until the end, it is logged as errors when the
     * build fails, so that -q still shows why.
     */
    boolean outputIsVerdict() {
        return false;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jpa-migrate:" + command() + " skipped (jpa-migrate.skip)");
            return;
        }
        List<String> args = arguments();
        if (getLog().isDebugEnabled()) {
            getLog().debug("jpa-migrate " + String.join(" ", args.stream()
                    .map(a -> a.startsWith("--url=") ? "--url=***" : a).toList()) + " (in " + project.getBasedir() + ")");
        }
        Output output = new Output(getLog(), outputIsVerdict());
        int code;
        try (PrintWriter out = new PrintWriter(new Lines(output::out), true);
             PrintWriter err = new PrintWriter(new Lines(output::err), true)) {
            // Maven logs each stderr line as a warning: no progress lines there, even in CI
            java.util.Map<String, String> env = environment();
            env.put("MIGRATE_PROGRESS", "off");
            code = new Tool(toolJars()).run(args, env, project.getBasedir().toPath(), out, err);
        }
        output.finish(code);
        String failure = output.failure();
        switch (code) {
            case 0 -> { }
            case 1 -> throw new MojoFailureException(failure != null ? failure : driftMessage(output.lastLine()));
            default -> throw new MojoExecutionException(failure != null ? failure
                    : "jpa-migrate " + command() + " failed (exit code " + code + ")");
        }
    }

    private String driftMessage(String lastLine) {
        return lastLine != null && lastLine.startsWith("DRIFT: ") ? lastLine
                : "jpa-migrate " + command() + " failed (exit code 1): see above";
    }

    /** The tool's command line: the command, its options, the shared options, then its arguments. */
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>();
        args.add(command());
        args.addAll(commandOptions());
        if (url != null && !url.isBlank()) {
            args.add("--url=" + url.trim());
        }
        if (entities != null && !entities.isBlank()) {
            args.add("--entities=" + entities.replaceAll("\\s+", ""));
        }
        if (changelogs != null) {
            args.add("--changelogs=" + changelogs.getAbsolutePath());
        }
        if (naming != null && !naming.isBlank()) {
            args.add("--naming=" + naming.trim());
        }
        if (readsEntities()) {
            args.add("--classpath=" + String.join(File.pathSeparator, entityClasspath()));
        }
        if (verbose || getLog().isDebugEnabled()) {
            args.add("--verbose");
        } else if (quiet || !getLog().isInfoEnabled()) {
            args.add("--quiet");
        }
        if (options != null) {
            options.stream().filter(Objects::nonNull).map(String::trim).filter(o -> !o.isEmpty()).forEach(args::add);
        }
        List<String> positional = commandArguments();
        if (!positional.isEmpty()) {
            args.add("--");
            args.addAll(positional);
        }
        return args;
    }

    /** The project's classes and its runtime dependencies, which the entities may extend or use. */
    private List<String> entityClasspath() throws MojoExecutionException {
        try {
            return project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the project's runtime class path is not resolved: " + e.getMessage(), e);
        }
    }

    /** The plugin's dependencies: the tool and its libraries, without the plugin itself. */
    private List<File> toolJars() {
        Artifact self = plugin.getPluginArtifact();
        List<File> jars = new ArrayList<>();
        for (Artifact a : plugin.getArtifacts()) {
            boolean isSelf = a.getGroupId().equals(self.getGroupId()) && a.getArtifactId().equals(self.getArtifactId());
            if (!isSelf && a.getFile() != null) {
                jars.add(a.getFile());
            }
        }
        return jars;
    }

    /** Where each line of the tool goes in the Maven log, and the one-line error it ended with. */
    static final class Output {
        private static final String ERROR = "error: ";
        private final Log log;
        private final boolean hold;
        private final List<String> held = new ArrayList<>();
        private String failure;
        private String lastLine;
        private boolean afterError;

        Output(Log log, boolean hold) {
            this.log = log;
            this.hold = hold;
        }

        synchronized void out(String line) {
            if (!line.isBlank()) {
                lastLine = line;
            }
            if (hold) {
                held.add(line);
            } else if (line.startsWith("WARNING:")) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }

        synchronized void err(String line) {
            if (line.startsWith(ERROR) && failure == null) {
                // Maven prints it as the reason the goal failed; printed here too it would show twice
                failure = line.substring(ERROR.length());
                afterError = true;
            } else if (line.startsWith("[verbose] ")) {
                log.info(line);
            } else if (afterError) {
                log.error(line); // the stack trace --verbose prints after the error line
            } else {
                log.warn(line);
            }
        }

        synchronized void finish(int code) {
            for (String line : held) {
                if (code == 1) {
                    log.error(line);
                } else {
                    log.info(line);
                }
            }
            held.clear();
        }

        synchronized String failure() {
            return failure;
        }

        synchronized String lastLine() {
            return lastLine;
        }
    }

    /** The process environment, with the build's local repository for the tool unless MIGRATE_MAVEN_REPO names one. */
    private java.util.Map<String, String> environment() {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (localRepository != null && !localRepository.isBlank()) {
            env.putIfAbsent("MIGRATE_MAVEN_REPO", localRepository);
        }
        return env;
    }
}
