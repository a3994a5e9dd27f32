package dev.jpamigrate.config;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.desired.HibernateSettings;
import dev.jpamigrate.desired.Naming;
import dev.jpamigrate.desired.SpringImplicitNaming;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a Spring Boot application's own config says about the settings this tool needs, read from the profile-less
 * {@code application.properties}, {@code application.yml} and {@code application.yaml} in
 * {@code src/main/resources}: the master changelog ({@code spring.liquibase.change-log}), the naming
 * ({@code spring.jpa.hibernate.naming.*}), the Hibernate settings ({@code spring.jpa.properties.*}) and, only when
 * asked for, the database ({@code spring.datasource.*}). Only keys the files set are read: none of Spring Boot's
 * defaults is assumed. Placeholders ({@code ${NAME}}, {@code ${NAME:default}}) resolve from the environment, then
 * from the files' other keys, then to their default.
 */
public final class SpringBootConfig {
    public static final String RESOURCES = "src/main/resources";
    /** In Spring Boot's order of precedence within one location. */
    public static final List<String> FILES = List.of("application.properties", "application.yml", "application.yaml");

    public static final String CHANGE_LOG = "spring.liquibase.change-log";
    public static final String PHYSICAL = "spring.jpa.hibernate.naming.physical-strategy";
    public static final String IMPLICIT = "spring.jpa.hibernate.naming.implicit-strategy";
    public static final String JPA_PROPERTIES = "spring.jpa.properties";
    public static final String DATASOURCE_URL = "spring.datasource.url";
    public static final String DATASOURCE_USERNAME = "spring.datasource.username";
    public static final String DATASOURCE_PASSWORD = "spring.datasource.password";

    /** Spring Boot's defaults for the naming keys, which it applies as a pair (HibernateProperties.Naming). */
    public static final String CAMEL_CASE_TO_UNDERSCORES = "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy";
    public static final String SPRING_IMPLICIT = SpringImplicitNaming.SPRING_BOOT_CLASS;
    /** Hibernate's own defaults. */
    public static final String PHYSICAL_STANDARD = "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl";
    public static final String IMPLICIT_JPA_COMPLIANT = "org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl";

    private static final String HIBERNATE_PHYSICAL = "hibernate.physical_naming_strategy";
    private static final String HIBERNATE_IMPLICIT = "hibernate.implicit_naming_strategy";
    private static final Pattern JDBC_POSTGRESQL = Pattern.compile("(?i)^jdbc:postgresql:.*");

    private final Path root;
    private final List<Path> files;
    private final SpringProperties properties;
    private final Map<String, String> env;

    SpringBootConfig(Path root, List<Path> files, SpringProperties properties, Map<String, String> env) {
        this.root = root;
        this.files = List.copyOf(files);
        this.properties = properties;
        this.env = env;
    }

    /** The config files under {@code root}/src/main/resources; none found is a config that sets nothing. */
    public static SpringBootConfig load(Path root, Map<String, String> env) {
        Path resources = root.resolve(RESOURCES);
        List<Path> files = FILES.stream().map(resources::resolve).filter(Files::isRegularFile).toList();
        return new SpringBootConfig(root, files, SpringProperties.read(files), env);
    }

    /** For tests: one file's text, as if it were at {@code root}/src/main/resources/{@code name}. */
    public static SpringBootConfig of(Path root, String name, String text, Map<String, String> env) {
        Path file = root.resolve(RESOURCES).resolve(name);
        SpringProperties props = name.endsWith(".properties") ? SpringProperties.parseProperties(file, text)
                : SpringProperties.parseYaml(file, text);
        return new SpringBootConfig(root, List.of(file), props, env);
    }

    /** The files read, most precedent first. */
    public List<Path> files() {
        return files;
    }

    /** The file a key's value comes from. */
    public Optional<Path> fileOf(String key) {
        return properties.get(key).map(SpringProperties.Entry::file);
    }

    /**
     * The master changelog {@code spring.liquibase.change-log} names: {@code classpath:PATH} (or a path without a
     * prefix, which Spring Boot's resource loader reads from the class path) is {@code src/main/resources/PATH};
     * {@code file:PATH} is relative to the project root, where the application runs.
     */
    public Optional<Path> changeLog() {
        return value(CHANGE_LOG).filter(v -> !v.isBlank()).map(v -> {
            String location = v.trim();
            if (location.regionMatches(true, 0, "file:", 0, 5)) {
                return root.resolve(location.substring(5)).normalize();
            }
            String path = location.replaceFirst("(?i)^classpath\\*?:", "").replaceFirst("^/+", "");
            if (path.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
                throw new MigrateException(CHANGE_LOG + "=" + location + " in " + fileOf(CHANGE_LOG).orElseThrow()
                        + ": only classpath: and file: locations name a file of the project; set master= in"
                        + " migrate.properties");
            }
            return root.resolve(RESOURCES).resolve(path).normalize();
        });
    }

    /** The naming the files set, in the tool's terms: a {@link Naming}, plus Hibernate settings when it is neither. */
    public record NamingChoice(Naming naming, Map<String, String> settings) {
        public NamingChoice {
            settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        }
    }

    /**
     * The naming, when the files set any: {@code spring.jpa.hibernate.naming.*} or a naming strategy in
     * {@code spring.jpa.properties}. Spring Boot applies the two strategies together: a key it does not find takes
     * Spring Boot's default for it (CamelCaseToUnderscoresNamingStrategy, SpringImplicitNamingStrategy), and a
     * {@code spring.jpa.hibernate.naming.*} key wins over the same strategy in {@code spring.jpa.properties}.
     */
    public Optional<NamingChoice> naming() {
        Map<String, SpringProperties.Entry> jpa = properties.under(JPA_PROPERTIES);
        Optional<String> physical = value(PHYSICAL).or(() -> jpaValue(jpa, HIBERNATE_PHYSICAL)).map(String::trim);
        Optional<String> implicit = value(IMPLICIT).or(() -> jpaValue(jpa, HIBERNATE_IMPLICIT)).map(String::trim);
        if (physical.isEmpty() && implicit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(naming(physical.orElse(CAMEL_CASE_TO_UNDERSCORES), implicit.orElse(SPRING_IMPLICIT)));
    }

    /** The tool's naming for a pair of strategy class names. */
    static NamingChoice naming(String physical, String implicit) {
        boolean springPhysical = physical.equals(CAMEL_CASE_TO_UNDERSCORES);
        boolean springImplicit = implicit.equals(SPRING_IMPLICIT);
        boolean standardPhysical = physical.equals(PHYSICAL_STANDARD);
        boolean standardImplicit = implicit.equals(IMPLICIT_JPA_COMPLIANT) || implicit.equals("default")
                || implicit.equals("jpa");
        if (springPhysical && springImplicit) {
            return new NamingChoice(Naming.SPRING, Map.of());
        }
        Map<String, String> settings = new TreeMap<>();
        if (!standardPhysical) {
            settings.put(HIBERNATE_PHYSICAL, physical);
        }
        if (!standardImplicit) {
            settings.put(HIBERNATE_IMPLICIT, implicit);
        }
        return new NamingChoice(Naming.HIBERNATE, settings);
    }

    /**
     * {@code spring.jpa.properties.*} with the prefix stripped: the {@code hibernate.*} and
     * {@code jakarta.persistence.*} keys, as Spring Boot hands them to Hibernate. The naming strategies are left to
     * {@link #naming()}.
     */
    public Map<String, String> hibernateSettings() {
        Map<String, String> settings = new TreeMap<>();
        properties.under(JPA_PROPERTIES).forEach((key, entry) -> {
            if (HibernateSettings.isHibernateKey(key) && !key.equals(HIBERNATE_PHYSICAL) && !key.equals(HIBERNATE_IMPLICIT)) {
                settings.put(key, resolve(JPA_PROPERTIES + "." + key, entry).trim());
            }
        });
        return settings;
    }

    /**
     * The database {@code spring.datasource.url} (a {@code jdbc:postgresql:} URL), {@code .username} and
     * {@code .password} name, read with the URL rules of {@link DbUrl}. A user or password in the URL wins, as in
     * pgjdbc.
     */
    public DbUrl datasource(String osUser) {
        if (files.isEmpty()) {
            throw new MigrateException("--url spring: no " + String.join(", ", FILES) + " in "
                    + root.resolve(RESOURCES) + ": run from the project root, or pass --url URL");
        }
        String url = value(DATASOURCE_URL).map(String::trim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new MigrateException("--url spring: " + String.join(" and ", files.stream()
                        .map(Path::toString).toList()) + (files.size() == 1 ? " sets" : " set") + " no "
                        + DATASOURCE_URL + " outside a profile"));
        if (!JDBC_POSTGRESQL.matcher(url).matches()) {
            throw new MigrateException(DATASOURCE_URL + " in " + fileOf(DATASOURCE_URL).orElseThrow()
                    + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db): "
                    + DbUrl.mask(url.length() > 40 ? url.substring(0, 40) + "..." : url));
        }
        StringBuilder full = new StringBuilder(url);
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        appendParam(full, query, "user", value(DATASOURCE_USERNAME));
        appendParam(full, query, "password", value(DATASOURCE_PASSWORD));
        try {
            return DbUrl.parse(full.toString(), env, osUser);
        } catch (MigrateException e) {
            throw new MigrateException(DATASOURCE_URL + " in " + fileOf(DATASOURCE_URL).orElseThrow() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void appendParam(StringBuilder url, String query, String name, Optional<String> value) {
        boolean inUrl = Pattern.compile("(?i)(^|&)" + name + "=").matcher(query).find();
        if (inUrl || value.isEmpty() || value.get().isEmpty()) {
            return;
        }
        url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value.get(), StandardCharsets.UTF_8));
    }

    /** A key's value with its placeholders resolved. */
    public Optional<String> value(String key) {
        return properties.get(key).map(e -> resolve(key, e));
    }

    private Optional<String> jpaValue(Map<String, SpringProperties.Entry> jpa, String hibernateKey) {
        return Optional.ofNullable(jpa.get(hibernateKey)).map(e -> resolve(JPA_PROPERTIES + "." + hibernateKey, e));
    }

    private String resolve(String key, SpringProperties.Entry entry) {
        return Placeholders.resolve(entry.value(), name -> lookup(name), name -> new MigrateException(
                entry.file() + ": " + key + " needs ${" + name + "}, which is not set: set " + name
                        + " in the environment, or give it a default (${" + name + ":...})"));
    }

    /** A placeholder's name: an environment variable, then a key of the files, then its environment-variable form. */
    private Optional<String> lookup(String name) {
        String direct = env.get(name);
        if (direct != null) {
            return Optional.of(direct);
        }
        Optional<SpringProperties.Entry> own = properties.get(name);
        if (own.isPresent()) {
            return Optional.of(own.get().value());
        }
        return Optional.ofNullable(env.get(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", "")));
    }

    /**
     * The profiles the files activate ({@code spring.profiles.active}, as written): the application would read their
     * documents and {@code application-<profile>} files, which this tool does not.
     */
    public Optional<String> activeProfiles() {
        return properties.get("spring.profiles.active").map(SpringProperties.Entry::value).filter(v -> !v.isBlank());
    }

    /** Which keys the files hold, for --verbose. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        properties.entries().forEach(e -> keys.add(e.key()));
        return keys;
    }
}
