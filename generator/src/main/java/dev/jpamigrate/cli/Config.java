package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * Project defaults from {@code migrate.properties} and the database URL from {@code DATABASE_URL} or {@code .env},
 * both looked up in the working directory. Command-line options win over both.
 */
record Config(Properties properties, Optional<String> databaseUrl, Optional<String> urlSource) {
    static final String FILE = "migrate.properties";

    static Config load(Path workDir, Map<String, String> env) {
        Properties props = new Properties();
        Path file = workDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException e) {
                throw new MigrateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new Config(props, Optional.of(url.trim()), Optional.of("DATABASE_URL"));
        }
        Path dotEnv = workDir.resolve(".env");
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
                            return new Config(props, Optional.of(value), Optional.of(".env"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new MigrateException("cannot read " + dotEnv + ": " + e.getMessage(), e);
            }
        }
        return new Config(props, Optional.empty(), Optional.empty());
    }

    String get(String key, String fallback) {
        String v = properties.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
