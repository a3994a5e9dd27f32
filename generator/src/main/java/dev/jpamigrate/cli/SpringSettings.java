package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.config.SpringBootConfig;
import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.desired.Naming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Spring Boot application config's share of a run's settings: each value the command asks for here is one that
 * neither the command line nor migrate.properties gave, and each that is used is remembered, with its file, for the
 * heading line ({@link #heading}).
 */
final class SpringSettings {
    /** The value of --url and of url= in migrate.properties that asks for spring.datasource.*. */
    static final String URL = "spring";

    private final Path root;
    private final SpringBootConfig spring;
    private final Map<Path, Set<String>> used = new LinkedHashMap<>();
    /** The build files' texts, once {@link #builds()} has read them. */
    private Map<Path, String> builds;

    private SpringSettings(Path root, SpringBootConfig spring) {
        this.root = root;
        this.spring = spring;
    }

    static SpringSettings load(Path root, Map<String, String> env) {
        return new SpringSettings(root, SpringBootConfig.load(root, env));
    }

    static boolean isSpringUrl(String url) {
        return url.trim().equalsIgnoreCase(URL);
    }

    /** The master changelog spring.liquibase.change-log names. */
    Optional<Path> master() {
        Optional<Path> master = spring.changeLog();
        master.ifPresent(m -> use(SpringBootConfig.CHANGE_LOG, SpringBootConfig.CHANGE_LOG));
        return master;
    }

    /** Spring Boot's default master, {@code classpath:/db/changelog/db.changelog-master.yaml}. */
    static final String BOOT_DEFAULT_MASTER = "src/main/resources/db/changelog/db.changelog-master.yaml";

    /**
     * The master Spring Boot runs at startup when its config names none: its default, for an application whose build
     * declares Spring Boot and liquibase-core (Spring Boot's Liquibase auto-configuration then applies).
     */
    Optional<Path> bootDefaultMaster() {
        for (Map.Entry<Path, String> build : builds().entrySet()) {
            if (build.getValue().contains("org.springframework.boot") && build.getValue().contains("liquibase-core")) {
                used.computeIfAbsent(build.getKey(), f -> new LinkedHashSet<>())
                        .add("liquibase-core: Spring Boot's default master, " + BOOT_DEFAULT_MASTER);
                return Optional.of(root.resolve(BOOT_DEFAULT_MASTER));
            }
        }
        return Optional.empty();
    }

    /** Where {@link #master()} came from, for messages. */
    String masterOrigin() {
        return spring.fileOf(SpringBootConfig.CHANGE_LOG).map(f -> SpringBootConfig.CHANGE_LOG + " in " + relative(f))
                .orElse("Spring Boot's default master: the build declares liquibase-core");
    }

    /** Whether the master is {@link #bootDefaultMaster()}'s, named by no key. */
    boolean masterIsBootDefault() {
        return spring.fileOf(SpringBootConfig.CHANGE_LOG).isEmpty();
    }

    /** The database spring.datasource.* names. */
    DbUrl datasource(String osUser) {
        DbUrl url = spring.datasource(osUser);
        use(SpringBootConfig.DATASOURCE_URL, "spring.datasource.*");
        return url;
    }

    /** The naming the config sets, for a run whose command line and migrate.properties set none. */
    Optional<Naming> naming() {
        return spring.naming().map(choice -> {
            use(namingKey(), "spring.jpa.hibernate.naming.*");
            return choice.naming();
        });
    }

    /**
     * Spring Boot's own default naming (its CamelCaseToUnderscoresNamingStrategy and SpringImplicitNamingStrategy), for
     * a Spring Boot JPA application whose config names none: one whose class path holds spring-boot-autoconfigure, or
     * whose build file declares spring-boot-starter-data-jpa. Read from the project, so a plain Hibernate project keeps
     * Hibernate's naming.
     */
    Optional<Naming> bootDefaultNaming(List<Path> classpath) {
        Optional<Path> jar = classpath.stream().filter(p -> p.getFileName() != null
                && p.getFileName().toString().startsWith("spring-boot-autoconfigure")
                && p.getFileName().toString().endsWith(".jar")).findFirst();
        if (jar.isPresent()) {
            used.computeIfAbsent(jar.get(), f -> new LinkedHashSet<>()).add("Spring Boot's default naming");
            return Optional.of(Naming.SPRING);
        }
        for (Map.Entry<Path, String> build : builds().entrySet()) {
            if (build.getValue().contains("spring-boot-starter-data-jpa")) {
                used.computeIfAbsent(build.getKey(), f -> new LinkedHashSet<>())
                        .add("spring-boot-starter-data-jpa: Spring Boot's default naming");
                return Optional.of(Naming.SPRING);
            }
        }
        return Optional.empty();
    }

    /**
     * The project's build files (pom.xml, build.gradle, build.gradle.kts, in that order) that are there and readable,
     * with their text; read once, on first use. An unreadable one says nothing about Spring Boot, and is left out.
     */
    private Map<Path, String> builds() {
        if (builds == null) {
            Map<Path, String> read = new LinkedHashMap<>();
            for (String build : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
                Path file = root.resolve(build);
                try {
                    if (Files.isRegularFile(file)) {
                        read.put(file, Files.readString(file));
                    }
                } catch (IOException | RuntimeException e) {
                    // left out: an unreadable build file says nothing about Spring Boot
                }
            }
            builds = Collections.unmodifiableMap(read);
        }
        return builds;
    }

    /**
     * The Hibernate settings of spring.jpa.properties.*, and those that express its naming unless {@code explicitNaming}
     * (--naming or naming=) replaces that; migrate.properties and --property are applied over these.
     */
    Map<String, String> hibernateSettings(boolean explicitNaming) {
        Map<String, String> settings = new TreeMap<>(spring.hibernateSettings());
        if (!settings.isEmpty()) {
            settings.keySet().forEach(k -> use(SpringBootConfig.JPA_PROPERTIES + "." + k, SpringBootConfig.JPA_PROPERTIES + ".*"));
        }
        if (!explicitNaming) {
            spring.naming().ifPresent(choice -> {
                if (!choice.settings().isEmpty()) {
                    use(namingKey(), "spring.jpa.hibernate.naming.*");
                }
                settings.putAll(choice.settings());
            });
        }
        return settings;
    }

    /** The key a naming came from: the first naming key the files hold. */
    private String namingKey() {
        return List.of(SpringBootConfig.PHYSICAL, SpringBootConfig.IMPLICIT,
                        SpringBootConfig.JPA_PROPERTIES + ".hibernate.physical_naming_strategy",
                        SpringBootConfig.JPA_PROPERTIES + ".hibernate.implicit_naming_strategy").stream()
                .filter(k -> spring.fileOf(k).isPresent()).findFirst().orElseThrow();
    }

    private void use(String key, String label) {
        spring.fileOf(key).ifPresent(file -> used.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(label));
    }

    boolean used() {
        return !used.isEmpty();
    }

    /**
     * {@code settings: migrate.properties, src/main/resources/application.yml (spring.liquibase.change-log, ...);
     * database: postgresql://app@db:5432/app (spring.datasource.*)}: what the run touches and where its settings came
     * from, for a run that takes any from the Spring Boot config.
     */
    String heading(Optional<Path> migrateProperties, String database) {
        String sources = migrateProperties.map(f -> relative(f) + ", ").orElse("")
                + used.entrySet().stream().map(e -> relative(e.getKey()) + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        String profiles = spring.activeProfiles().map(p -> "; not read: the settings of the profiles"
                + " spring.profiles.active names (" + p + ")").orElse("");
        return "settings: " + sources + profiles + "; database: " + database;
    }

    private String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    /** url= in migrate.properties: only {@code spring}; a URL with its password does not belong in a committed file. */
    static String checkPropertiesUrl(String value, Path file) {
        if (!isSpringUrl(value)) {
            throw new MigrateException("url= in " + file + ": only url=spring (spring.datasource.* of the Spring Boot"
                    + " config) is read there; name any other database with --url, DATABASE_URL or .env");
        }
        return value;
    }
}
