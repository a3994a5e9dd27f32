package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.desired.HibernateSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * Project defaults from {@code migrate.properties} and the database URL from {@code DATABASE_URL} or {@code .env}.
 * The project root is the nearest directory at or above the working directory that holds migrate.properties (the
 * way git finds .git; not above the git repository's root), else the working directory; .env is read there, and relative paths in migrate.properties are
 * relative to it. Command-line options win over both.
 */
record Config(Path root, Optional<Path> file, Properties properties, Optional<String> databaseUrl,
              Optional<String> urlSource) {
    static final String FILE = "migrate.properties";

    static Config load(Path workDir, Map<String, String> env) {
        Path start = workDir.toAbsolutePath().normalize();
        Optional<Path> file = find(start);
        Path root = file.map(Path::getParent).orElse(start);
        Properties props = new Properties();
        if (file.isPresent()) {
            try (Reader r = Files.newBufferedReader(file.get())) {
                props.load(r);
            } catch (IOException e) {
                throw new MigrateException("cannot read " + file.get() + ": " + e.getMessage(), e);
            }
        }
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new Config(root, file, props, Optional.of(url.trim()), Optional.of("DATABASE_URL"));
        }
        Path dotEnv = root.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            try {
                for (String line : Files.readAllLines(dotEnv)) {
                    String l = line.trim();
                    if (l.startsWith("export ")) {
                        l = l.substring("export ".length()).trim();
                    }
                    if (l.startsWith("DATABASE_URL=")) {
                        String value = l.substring("DATABASE_URL=".length()).trim();
                        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                                || value.startsWith("'") && value.endsWith("'"))) {
                            value = value.substring(1, value.length() - 1);
                        }
                        if (!value.isEmpty()) {
                            return new Config(root, file, props, Optional.of(value), Optional.of(dotEnv.toString()));
                        }
                    }
                }
            } catch (IOException e) {
                throw new MigrateException("cannot read " + dotEnv + ": " + e.getMessage(), e);
            }
        }
        return new Config(root, file, props, Optional.empty(), Optional.empty());
    }

    /**
     * The nearest migrate.properties at or above {@code dir}, within its git repository: the search stops at the
     * directory that holds .git, so a project never takes the settings of a repository it happens to sit in.
     */
    private static Optional<Path> find(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            if (Files.exists(d.resolve(".git"))) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The {@code hibernate.*} and {@code jakarta.persistence.*} keys, as the application's own properties set them. */
    Map<String, String> hibernateSettings() {
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (HibernateSettings.isHibernateKey(key)) {
                settings.put(key, properties.getProperty(key).trim());
            }
        }
        return settings;
    }

    boolean has(String key) {
        String v = properties.getProperty(key);
        return v != null && !v.isBlank();
    }

    String get(String key, String fallback) {
        String v = properties.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
