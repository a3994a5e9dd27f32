package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.Program;
import dev.jpamigrate.Text;
import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.desired.HibernateSettings;
import dev.jpamigrate.desired.Naming;
import dev.jpamigrate.engine.Engine;
import dev.jpamigrate.engine.EngineOptions;
import dev.jpamigrate.filter.Exclusions;
import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.run.LiquibaseRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The root command: options shared by every subcommand, accepted before or after the subcommand's name. */
@Command(name = "migrate", mixinStandardHelpOptions = true, version = "jpa-migrate 0.1.0",
        description = "Alembic-style migrations for JPA/Hibernate entities on PostgreSQL, written as Liquibase changelogs.",
        footer = {"", ExitCode.HELP,
                "Without --url, DATABASE_URL or a .env file, an embedded PostgreSQL is started for the run.",
                "", "Examples:",
                "  ${ROOT-COMMAND-NAME} create \"add user timezone\"   a migration from the entity changes",
                "  ${ROOT-COMMAND-NAME} upgrade                      apply it (upgrade REV: up to REV)",
                "  ${ROOT-COMMAND-NAME} downgrade -1                 revert the last one (or REV, base)",
                "  ${ROOT-COMMAND-NAME} check --url \"$DATABASE_URL\"  the CI gate: exit 1 on drift",
                "  ${ROOT-COMMAND-NAME} show a1b2c3                  its SQL, forward and rollback",
                "  source <(${ROOT-COMMAND-NAME} completion)         tab completion, bash or zsh",
                "See '${ROOT-COMMAND-NAME} <command> --help' for each command's options and examples."})
public final class MigrateCommand implements Runnable {
    /**
     * The subcommands, in the order the usage lists them. Not in the annotation: picocli builds a model of every
     * command it is given (reflection over its options, a few regexes each), about a third of a run's start-up, so
     * a run that names its command first builds only that one (see {@link #commandLine(Map, Path, String[])}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(CreateCommand.class, BaselineCommand.class, CheckCommand.class,
            UpgradeCommand.class, DowngradeCommand.class, ResetCommand.class, CurrentCommand.class,
            HistoryCommand.class, StampCommand.class, UnlockCommand.class, LintCommand.class, ErdCommand.class,
            InstallHookCommand.class, ShowCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Database: jdbc:postgresql://host:port/db?user=..&password=.. or postgresql://user:pass@host:port/db,"
                    + " or spring: spring.datasource.* of src/main/resources/application.*."
                    + " Default: DATABASE_URL, then .env, then url=spring in migrate.properties, then an embedded PostgreSQL.")
    String url;

    @Option(names = "--entities", scope = ScopeType.INHERIT, split = ",", paramLabel = "PKG",
            description = "Packages scanned for @Entity classes. Default: 'entities' in migrate.properties.")
    List<String> entities;

    @Option(names = "--classpath", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "Directories or jars holding the entity classes, separated by ':'. Default: 'classpath' in migrate.properties.")
    String classpath;

    @Option(names = "--changelogs", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Changelog directory. Default: 'changelogs' in migrate.properties, else changelogs.")
    Path changelogs;

    @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The master changelog Liquibase runs (XML, YAML, JSON or SQL; classpath:PATH means"
                    + " src/main/resources/PATH). Default: 'master' in migrate.properties, else"
                    + " <changelogs>/db.changelog-master.xml.")
    String master;

    @Option(names = "--contexts", scope = ScopeType.INHERIT, paramLabel = "EXPR",
            description = "Liquibase contexts: only changeSets they select run or count as pending. Default:"
                    + " 'contexts' in migrate.properties, else all.")
    String contexts;

    @Option(names = "--labels", scope = ScopeType.INHERIT, paramLabel = "EXPR",
            description = "Liquibase label expression, as --contexts. Default: 'labels' in migrate.properties, else all.")
    String labels;

    @Option(names = "--naming", scope = ScopeType.INHERIT, paramLabel = "hibernate|spring",
            description = "Physical naming: hibernate (default) or spring (CamelCaseToUnderscoresNamingStrategy).")
    String naming;

    @Option(names = "--extension", scope = ScopeType.INHERIT, split = ",", paramLabel = "NAME",
            description = "An extension the entities' column types need (citext, vector...), created in the tool's"
                    + " scratch databases and by the migrations; repeatable. Default: 'extensions' in migrate.properties.")
    List<String> extensions;

    @Option(names = "--property", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "A Hibernate setting (hibernate.* or jakarta.persistence.*) as the application sets it,"
                    + " e.g. hibernate.type.preferred_instant_jdbc_type=TIMESTAMP; repeatable. Wins over the same key"
                    + " in migrate.properties. Connection, dialect and schema-export keys are ignored (see README).")
    Map<String, String> properties;

    @Option(names = "--exclude", scope = ScopeType.INHERIT, split = ",", paramLabel = "PATTERN",
            description = "Objects the entities do not manage: a name glob (* and ?), or schema.name; repeatable."
                    + " Default: 'exclude' in migrate.properties.")
    List<String> exclude;

    @Option(names = "--pg-version", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "PostgreSQL of the embedded server (or of --dev-db docker): a major (16) or a full version of"
                    + " zonky's binaries (16.4.0). Default: 'pg-version' in migrate.properties, else the bundled "
                    + dev.jpamigrate.db.PgBinaries.BUNDLED + ".")
    String pgVersion;

    @Option(names = "--dev-db", scope = ScopeType.INHERIT, paramLabel = "embedded|docker|IMAGE",
            description = "The server the tool starts for scratch databases: embedded (default), docker (the postgres"
                    + " image of --pg-version), or a PostgreSQL image such as pgvector/pgvector:pg16 (needs Docker)."
                    + " Default: 'dev-db' in migrate.properties.")
    String devDb;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Explain each step, show timings and full stack traces.")
    boolean verbose;

    @Option(names = "--no-cache", scope = ScopeType.INHERIT,
            description = "Compute everything afresh: do not read or write the cached schemas (head of the changelogs,"
                    + " the entities' schema).")
    boolean noCache;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors and results.")
    boolean quiet;

    private final Map<String, String> env;
    private final Path workDir;
    Clock clock = Clock.systemUTC();
    /** Set by check --model-only: no database, whatever DATABASE_URL or .env say, and --url is an error. */
    boolean noDatabase;
    /** Set by commands for which no database is a normal way to run (lint): no note about the embedded server. */
    boolean offlineIsNormal;
    /** Asks the user a question at a terminal and returns the answer; null where no one can answer (CI, a hook). */
    java.util.function.Function<String, String> prompt = System.console() == null ? null
            : question -> System.console().readLine("%s", question);
    Supplier<String> revisionIds = EngineOptions.randomRevisions();

    MigrateCommand(Map<String, String> env, Path workDir) {
        this.env = env;
        this.workDir = workDir;
    }

    /** A configured command line with every subcommand; tests use it with setOut/setErr. */
    public static CommandLine commandLine(Map<String, String> env, Path workDir) {
        return commandLine(new MigrateCommand(env, workDir));
    }

    /**
     * A command line for {@code args}: when they start with a subcommand's name, one with that subcommand only, which
     * parses and runs them exactly as the whole one does (a subcommand's options, errors and help are its own); else
     * (root options first, no command, help, completion, a mistyped name) the whole command line.
     */
    public static CommandLine commandLine(Map<String, String> env, Path workDir, String[] args) {
        MigrateCommand root = new MigrateCommand(env, workDir);
        Optional<Class<?>> named = args.length == 0 ? Optional.empty() : SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c != CompletionCommand.class)
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst();
        return commandLine(root, named.map(List::<Class<?>>of).orElse(SUBCOMMANDS));
    }

    static CommandLine commandLine(MigrateCommand root) {
        return commandLine(root, SUBCOMMANDS);
    }

    private static CommandLine commandLine(MigrateCommand root, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(root);
        subcommands.forEach(cl::addSubcommand);
        cl.setCommandName(Program.usageName());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> root.fail(e));
        // picocli hands only Exceptions to that handler: an Error from a command (NoClassDefFoundError from the
        // user's classes) would escape execute() as a stack trace and exit 1, which means drift.
        CommandLine.IExecutionStrategy strategy = cl.getExecutionStrategy();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return strategy.execute(parseResult);
            } catch (CommandLine.ParameterException | CommandLine.ExecutionException e) {
                throw e;
            } catch (Throwable e) {
                return root.fail(e);
            }
        });
        // what picocli returns if a handler itself fails: an error, never the drift code it defaults to
        cl.getCommandSpec().exitCodeOnExecutionException(ExitCode.ERROR);
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnExecutionException(ExitCode.ERROR));
        // `check --help` as well as `help check`: the root's -h/--help and -V/--version on every subcommand
        cl.getSubcommands().values().stream().filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
                .forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true).version(cl.getCommandSpec().version()));
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + DbUrl.mask(e.getMessage()));
            err.println("Try '" + Program.usageName() + " --help' for usage.");
            return ExitCode.ERROR;
        });
        return cl;
    }

    /** For tests: as below, with someone at the terminal who answers each question with {@code prompt}. */
    public static CommandLine commandLine(Map<String, String> env, Path workDir, Clock clock, Supplier<String> revisions,
                                          java.util.function.Function<String, String> prompt) {
        MigrateCommand root = new MigrateCommand(env, workDir);
        root.clock = clock;
        root.revisionIds = revisions;
        root.prompt = prompt;
        return commandLine(root);
    }

    /** For tests: a fixed clock and revision ids make generated files reproducible. */
    public static CommandLine commandLine(Map<String, String> env, Path workDir, Clock clock, Supplier<String> revisions) {
        MigrateCommand root = new MigrateCommand(env, workDir);
        root.clock = clock;
        root.revisionIds = revisions;
        return commandLine(root);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Set by commands whose work can take long on a large model (create, check, upgrade, stamp). */
    boolean showsProgress;
    /** Whether someone watches: progress updates one line in place only at a console. */
    boolean console = System.console() != null;
    private ProgressLine progressLine;

    /** Takes the updating progress line off the terminal before other output (a question, a result). */
    void clearProgress() {
        if (progressLine != null) {
            progressLine.clear();
        }
    }

    /** A line of progress the layers below hand back as data, in the launcher's words. */
    void info(Text line) {
        info(Program.words(line));
    }

    /** Informational lines; silent with --quiet. */
    void info(String line) {
        clearProgress();
        if (!quiet) {
            out().println(line);
            out().flush();
        }
    }

    Consumer<String> log() {
        return verbose ? line -> {
            clearProgress();
            err().println("[verbose] " + DbUrl.mask(line));
            err().flush();
        } : line -> { };
    }

    Path workDir() {
        return workDir;
    }

    /** A path as the user knows it: relative to the project root when it is below it. */
    private static String display(Path root, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    /** What a command does when its changelog directory or master does not exist. */
    enum IfNoChangelogs {
        /** Refuse, exit 2: the command would run nothing against the database and look like a success. */
        FAIL,
        /** create writes the directory and the master along with the first migration. */
        CREATE,
        /**
         * check, in a new project: entities without any migration are model drift (that is what the pre-commit hook
         * reports on the first entity commit). A --changelogs that names nothing still fails: that is a typo.
         */
        NEW_PROJECT,
        /** unlock and erd never read them. */
        UNUSED
    }

    /** The project root: where migrate.properties is, found as commands find it, else the working directory. */
    Path projectRoot() {
        return Config.load(workDir, env).root();
    }

    /** A setting of migrate.properties (found as commands find it), or {@code fallback}. */
    String setting(String key, String fallback) {
        return Config.load(workDir, env).get(key, fallback);
    }

    /** Builds the engine from options, config file and environment, runs the action, maps failures to exit codes. */
    int withEngine(boolean verify, IfNoChangelogs ifNone, Function<Engine, Integer> action) {
        return withEngine(verify, true, ifNone, action);
    }

    /** For commands that only run the changelogs (upgrade, current, ...): no entity packages needed. */
    int withDatabase(Function<Engine, Integer> action) {
        return withDatabase(IfNoChangelogs.FAIL, action);
    }

    int withDatabase(IfNoChangelogs ifNone, Function<Engine, Integer> action) {
        return withEngine(false, false, ifNone, action);
    }

    /**
     * For baseline: reads the database, not the entities, and verifies what it writes. It needs the user's database,
     * so the engine refuses the embedded one in a line of its own, with no note about it first.
     */
    int withDatabase(boolean verify, IfNoChangelogs ifNone, Function<Engine, Integer> action) {
        userDatabaseOnly = true;
        return withEngine(verify, false, ifNone, action);
    }

    private boolean userDatabaseOnly;

    private int withEngine(boolean verify, boolean needsEntities, IfNoChangelogs ifNone,
                           Function<Engine, Integer> action) {
        long startedAt = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        LiquibaseRunner.verbose(verbose);
        Config config = Config.load(workDir, env);
        SpringSettings spring = SpringSettings.load(config.root(), env);
        Consumer<String> log = log();
        log.accept("project root: " + config.root() + config.file().map(f -> " (from " + f + ")")
                .orElse(" (no " + Config.FILE + " in " + workDir + " or above: the working directory)"));
        // Paths typed on the command line are relative to where the user is; those in migrate.properties to the root.
        // A master named anywhere puts new migrations next to it, unless changelogs= says where.
        Optional<Path> masterFile = master != null ? Optional.of(masterFile(workDir, master))
                : config.has("master") ? Optional.of(masterFile(config.root(), config.get("master", "")))
                : changelogs != null || config.has("changelogs") ? spring.master()
                : spring.master().or(spring::bootDefaultMaster);
        Path changelogDir = (changelogs != null ? workDir.resolve(changelogs)
                : config.has("changelogs") || masterFile.isEmpty()
                ? config.root().resolve(config.get("changelogs", "changelogs")) : masterFile.get().getParent()).normalize();
        if (noDatabase && url != null) {
            throw new MigrateException("--model-only checks no database: drop --url (or --model-only)", null,
                    MigrateException.Kind.USAGE);
        }
        Optional<String> propertiesUrl = config.has("url") ? Optional.of(SpringSettings.checkPropertiesUrl(
                config.get("url", ""), config.file().orElseThrow())) : Optional.empty();
        String urlSource = url != null ? "--url" : config.urlSource().orElse("url= in " + Config.FILE);
        Optional<String> chosenUrl = noDatabase ? Optional.empty()
                : Optional.ofNullable(url).or(config::databaseUrl).or(() -> propertiesUrl);
        String dbOrigin = " (from " + urlSource + (chosenUrl.filter(SpringSettings::isSpringUrl).isPresent()
                ? ": spring.datasource.*" : "") + ")";
        Optional<DbUrl> dbUrl = chosenUrl.map(u -> SpringSettings.isSpringUrl(u) ? spring.datasource(System.getProperty("user.name"))
                        : DbUrl.parse(u, env, System.getProperty("user.name")));
        requireChangelogs(changelogDir, masterFile, ifNone, config, spring, log);
        List<String> packages = entities != null ? entities
                : Arrays.stream(config.get("entities", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Path classpathBase = classpath != null ? workDir : config.root();
        String cp = classpath != null ? classpath : config.get("classpath", "");
        List<Path> classpathEntries = Arrays.stream(cp.split(File.pathSeparator)).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> classpathBase.resolve(s).normalize()).toList();
        if (needsEntities && classpathEntries.isEmpty()) {
            // no class path named: the build tool's own output directory, when there is one
            classpathEntries = ProjectLayout.classDirectories(config.root());
        }
        if (packages.isEmpty() && needsEntities) {
            // no packages named: those of the mapped classes in the project's class directories (not its jars)
            List<Path> directories = classpathEntries.stream().filter(java.nio.file.Files::isDirectory).toList();
            packages = dev.jpamigrate.desired.EntityScanner.packagesIn(directories);
            if (packages.isEmpty()) {
                throw new MigrateException("no entity packages: " + (directories.isEmpty()
                        ? "no class directory (" + String.join(", ", ProjectLayout.CLASS_DIRECTORIES) + ") to look in"
                        : "no @Entity class in " + directories.stream().map(d -> display(config.root(), d)).toList())
                        + "; compile the entities first (mvn compile), pass --entities com.example.model or set"
                        + " entities= in " + Config.FILE);
            }
            log.accept("entity packages found in the class directories: " + String.join(", ", packages));
        }
        List<Path> entityClasspath = classpathEntries;
        boolean explicitNaming = naming != null || config.has("naming");
        Naming namingStrategy = explicitNaming ? parseNaming(naming != null ? naming : config.get("naming", "hibernate"))
                : spring.naming().or(() -> spring.bootDefaultNaming(entityClasspath)).orElse(Naming.HIBERNATE);
        List<String> extensionNames = (extensions != null ? extensions
                : Arrays.asList(config.get("extensions", "").split(","))).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).distinct().toList();
        String author = config.get("author", "jpa-migrate");
        Exclusions exclusions = Exclusions.parse(exclude != null ? exclude : List.of(config.get("exclude", "")));
        log.accept("database: " + dbUrl.map(u -> u + dbOrigin).orElse("embedded PostgreSQL"));
        log.accept("entities: " + String.join(", ", packages) + (classpathEntries.isEmpty() ? ""
                : " from " + classpathEntries));
        log.accept("changelogs: " + changelogDir + masterFile.map(m -> ", master " + m).orElse(""));
        Changelogs.Filter filter = new Changelogs.Filter(contexts != null ? contexts : config.get("contexts", null),
                labels != null ? labels : config.get("labels", null));
        if (!extensionNames.isEmpty()) {
            log.accept("extensions: " + String.join(", ", extensionNames));
        }
        if (!exclusions.isEmpty()) {
            log.accept("excluded: " + exclusions + (exclude != null ? " (from --exclude)" : " (from " + Config.FILE + ")"));
        }
        if (!needsEntities && dbUrl.isEmpty() && !quiet && !offlineIsNormal && !userDatabaseOnly) {
            // Lifecycle commands on a database that vanishes with the process: say so, it is rarely what is meant.
            err().println("note: no --url, DATABASE_URL or .env: running on a throwaway embedded PostgreSQL;"
                    + " nothing is kept");
        }
        Map<String, String> hibernate = hibernateSettings(config, spring.hibernateSettings(explicitNaming), log);
        if (spring.used() && !quiet) {
            // the Spring Boot config decides part of the run: say so, and where the run goes, before anything runs
            err().println(spring.heading(config.file(), dbUrl.map(u -> u + dbOrigin).orElse("embedded PostgreSQL")));
            err().flush();
        }
        dev.jpamigrate.db.DevDb scratchServer = dev.jpamigrate.db.DevDb.of(
                Optional.ofNullable(devDb != null ? devDb : config.get("dev-db", null)),
                Optional.ofNullable(pgVersion != null ? pgVersion : config.get("pg-version", null)),
                dev.jpamigrate.db.PgBinaries.Locations.from(env));
        EngineOptions options = new EngineOptions(dbUrl, packages, classpathEntries, changelogDir, namingStrategy,
                author, clock, revisionIds, verify, log, masterFile, filter,
                noCache ? Optional.empty() : dev.jpamigrate.db.EmbeddedServer.cacheDir(env), extensionNames, hibernate,
                exclusions, scratchServer);
        try (Engine engine = new Engine(options);
             ProgressLine progress = new ProgressLine(err(), showsProgress
                     ? ProgressLine.Mode.of(console, env, quiet) : ProgressLine.Mode.OFF)) {
            progressLine = progress;
            engine.onProgress(progress);
            int code = action.apply(engine);
            progress.clear();
            if (verbose) {
                Timings.print(log, startedAt, engine.timings());
            }
            return code;
        }
    }

    /**
     * The one place a missing changelog directory or master is caught, before any database is touched: a command
     * that reads none would otherwise report "nothing to apply" or "no migration applied" and exit 0.
     */
    private void requireChangelogs(Path dir, Optional<Path> masterFile, IfNoChangelogs ifNone, Config config,
                                   SpringSettings spring, Consumer<String> log) {
        if (Files.isRegularFile(masterFile.orElse(dir.resolve(Changelogs.MASTER)))
                || ifNone == IfNoChangelogs.CREATE || ifNone == IfNoChangelogs.UNUSED) {
            return;
        }
        if (masterFile.isPresent() && ifNone == IfNoChangelogs.NEW_PROJECT && master == null && !config.has("master")
                && spring.masterIsBootDefault()) {
            log.accept("no " + display(masterFile.get()) + " (Spring Boot's default master): checking as a project with"
                    + " no migrations yet");
            return;
        }
        if (masterFile.isPresent()) {
            throw new MigrateException("no master changelog " + display(masterFile.get()) + " (from "
                    + (master != null ? "--master" : config.has("master") ? "master= in "
                    + display(config.file().orElseThrow()) : spring.masterOrigin())
                    + "): run from the project root, or fix the path");
        }
        String missing = Files.isDirectory(dir) ? "no " + Changelogs.MASTER + " in " + display(dir)
                : "no changelog directory " + display(dir);
        String origin = changelogs != null ? "from --changelogs"
                : config.has("changelogs") ? "from changelogs= in " + display(config.file().orElseThrow())
                : config.file().isPresent() ? "the default" : "the default; no " + Config.FILE + " here or above";
        if (ifNone == IfNoChangelogs.NEW_PROJECT && changelogs == null) {
            log.accept(missing + " (" + origin + "): checking as a project with no migrations yet");
            return;
        }
        throw new MigrateException(missing + " (" + origin + "): run from the project root, or pass --changelogs DIR"
                + " or set changelogs= in " + Config.FILE);
    }

    /** A master path, relative to {@code base}; {@code classpath:PATH} is Spring Boot's: src/main/resources/PATH. */
    private static Path masterFile(Path base, String value) {
        String v = value.trim();
        if (v.matches("(?i)^classpath\\*?:.*")) {
            return base.resolve("src/main/resources").resolve(v.replaceFirst("(?i)^classpath\\*?:/*", "")).normalize();
        }
        return base.resolve(v).normalize();
    }

    /** A path as the user would type it from where they are: relative below the working directory, else absolute. */
    private String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path here = workDir.toAbsolutePath().normalize();
        return abs.startsWith(here) && !abs.equals(here) ? here.relativize(abs).toString() : abs.toString();
    }

    /**
     * The Hibernate keys of the Spring Boot config ({@code spring}), then those of migrate.properties, then those of
     * --property, each winning over the one before; logged as they apply.
     */
    private Map<String, String> hibernateSettings(Config config, Map<String, String> spring, Consumer<String> log) {
        Map<String, String> settings = new TreeMap<>(spring);
        settings.putAll(config.hibernateSettings());
        if (properties != null) {
            properties.forEach((key, value) -> {
                if (!HibernateSettings.isHibernateKey(key)) {
                    throw new MigrateException("--property " + key + ": not a Hibernate setting; only hibernate.* and"
                            + " jakarta.persistence.* keys are passed to Hibernate");
                }
                settings.put(key, value);
            });
        }
        HibernateSettings split = HibernateSettings.of(settings);
        split.applied().forEach((key, value) -> log.accept("hibernate setting " + key + "=" + shown(key, value)));
        split.ignored().forEach((key, value) -> {
            String why = "hibernate setting " + key + " ignored: " + HibernateSettings.fixed(key).orElseThrow();
            if (properties != null && properties.containsKey(key) && !quiet) {
                err().println("note: " + why);
            } else {
                log.accept(why);
            }
        });
        return settings;
    }

    private static String shown(String key, String value) {
        return key.toLowerCase(java.util.Locale.ROOT).contains("password") ? "****" : value;
    }

    private static Naming parseNaming(String value) {
        return switch (value.trim().toLowerCase()) {
            case "hibernate", "default" -> Naming.HIBERNATE;
            case "spring", "spring-boot", "springboot" -> Naming.SPRING;
            default -> throw new MigrateException("unknown naming '" + value + "': use hibernate or spring");
        };
    }

    /** One line on stderr, a stack trace only with --verbose, and never a password. */
    int fail(Throwable e) {
        PrintWriter err = err();
        Throwable cause = unwrap(e);
        int code = ExitCode.ERROR;
        String message;
        if (cause instanceof MigrateException m) {
            code = ExitCode.of(m.kind());
            message = m.text() == null ? null : Program.words(m.text());
        } else {
            message = "unexpected " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + (verbose ? "" : " (run with --verbose for details)");
        }
        err.println("error: " + DbUrl.mask(message == null ? "" : message.replaceAll("\\s*\\n\\s*", " ")));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(DbUrl.mask(trace.toString()));
        }
        err.flush();
        return code;
    }

    /** The failure behind the wrappers that threads and picocli put around it. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof CommandLine.ExecutionException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
