package dev.jpamigrate.engine;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.db.DevDb;
import dev.jpamigrate.desired.Naming;
import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.render.RenderOptions;
import dev.jpamigrate.filter.Exclusions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything one run of the engine needs. The clock, the revision ids and the author are injected so that
 * generated files are reproducible in tests. {@code changelogDir} is where new migrations go; {@code master} the
 * changelog Liquibase runs (default {@code changelogDir/db.changelog-master.xml}); {@code filter} the contexts and
 * labels that select changeSets; {@code extensions} those the entities' column types need; {@code hibernateSettings}
 * the user's {@code hibernate.*} and {@code jakarta.persistence.*} keys, applied to the metadata build as
 * HibernateSettings describes; {@code exclusions} name the objects the entities do not manage; {@code devDb} the
 * server the tool starts itself for scratch databases (and as the database when none is named).
 */
public record EngineOptions(Optional<DbUrl> url, List<String> packages, List<Path> classpath, Path changelogDir,
                            Naming naming, String author, Clock clock, Supplier<String> revisionIds, boolean verify,
                            Consumer<String> log, Optional<Path> master, Changelogs.Filter filter,
                            Optional<Path> cacheDir, List<String> extensions, Map<String, String> hibernateSettings,
                            Exclusions exclusions, DevDb devDb) {
    /** The key of the zone the application's Hibernate writes timestamps in, which migrations convert them in. */
    public static final String JDBC_TIME_ZONE = "hibernate.jdbc.time_zone";

    public EngineOptions {
        packages = List.copyOf(packages);
        classpath = List.copyOf(classpath);
        extensions = List.copyOf(extensions);
        hibernateSettings = Map.copyOf(hibernateSettings);
        devDb = devDb != null ? devDb : DevDb.bundled();
    }

    /** The generator's own layout: the default master in {@code changelogDir}, every changeSet selected. */
    public EngineOptions(Optional<DbUrl> url, List<String> packages, List<Path> classpath, Path changelogDir,
                         Naming naming, String author, Clock clock, Supplier<String> revisionIds, boolean verify,
                         Consumer<String> log) {
        this(url, packages, classpath, changelogDir, naming, author, clock, revisionIds, verify, log, Optional.empty(),
                Changelogs.Filter.ALL, Optional.empty(), List.of(), Map.of(), Exclusions.none(), DevDb.bundled());
    }

    /** The same options with Hibernate settings. */
    public EngineOptions(Optional<DbUrl> url, List<String> packages, List<Path> classpath, Path changelogDir,
                         Naming naming, String author, Clock clock, Supplier<String> revisionIds, boolean verify,
                         Consumer<String> log, Map<String, String> hibernateSettings) {
        this(url, packages, classpath, changelogDir, naming, author, clock, revisionIds, verify, log, Optional.empty(),
                Changelogs.Filter.ALL, Optional.empty(), List.of(), hibernateSettings, Exclusions.none(), DevDb.bundled());
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

    /** The changelogs these options name. */
    public Changelogs changelogs() {
        return new Changelogs(master.orElse(changelogDir.resolve(Changelogs.MASTER)), changelogDir, filter);
    }

    /** Random six-hex-digit revision ids. */
    public static Supplier<String> randomRevisions() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return () -> String.format("%06x", random.nextInt(1 << 24));
    }
}
