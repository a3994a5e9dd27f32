package dev.jpamigrate.engine;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.desired.Naming;
import dev.jpamigrate.render.RenderOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything one run of the engine needs. The clock, the revision ids and the author are injected so that
 * generated files are reproducible in tests. {@code hibernateSettings} are the user's {@code hibernate.*} and
 * {@code jakarta.persistence.*} keys, applied to the metadata build as HibernateSettings describes.
 */
public record EngineOptions(Optional<DbUrl> url, List<String> packages, List<Path> classpath, Path changelogDir,
                            Naming naming, String author, Clock clock, Supplier<String> revisionIds, boolean verify,
                            Consumer<String> log, Map<String, String> hibernateSettings) {
    /** The key of the zone the application's Hibernate writes timestamps in, which migrations convert them in. */
    public static final String JDBC_TIME_ZONE = "hibernate.jdbc.time_zone";

    public EngineOptions {
        packages = List.copyOf(packages);
        classpath = List.copyOf(classpath);
        hibernateSettings = Map.copyOf(hibernateSettings);
    }

    /** Everything but the Hibernate settings, for runs that set none. */
    public EngineOptions(Optional<DbUrl> url, List<String> packages, List<Path> classpath, Path changelogDir,
                         Naming naming, String author, Clock clock, Supplier<String> revisionIds, boolean verify,
                         Consumer<String> log) {
        this(url, packages, classpath, changelogDir, naming, author, clock, revisionIds, verify, log, Map.of());
    }

    /** How migrations render: date-times converted in hibernate.jdbc.time_zone, else in UTC. */
    public RenderOptions renderOptions() {
        String zone = hibernateSettings.get(JDBC_TIME_ZONE);
        if (zone == null || zone.isBlank()) {
            return RenderOptions.DEFAULT;
        }
        try {
            return RenderOptions.forZone(zone);
        } catch (IllegalArgumentException e) {
            throw new MigrateException(JDBC_TIME_ZONE + "=" + zone.trim() + " is " + e.getMessage());
        }
    }

    /** Random six-hex-digit revision ids. */
    public static Supplier<String> randomRevisions() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return () -> String.format("%06x", random.nextInt(1 << 24));
    }
}
