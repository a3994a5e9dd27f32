package dev.jpamigrate.engine;

import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.desired.Naming;
import dev.jpamigrate.filter.Exclusions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything one run of the engine needs. The clock, the revision ids and the author are injected so that
 * generated files are reproducible in tests. {@code exclusions} name the objects the entities do not manage.
 */
public record EngineOptions(Optional<DbUrl> url, List<String> packages, List<Path> classpath, Path changelogDir,
                            Naming naming, String author, Clock clock, Supplier<String> revisionIds, boolean verify,
                            Consumer<String> log, Exclusions exclusions) {
    public EngineOptions {
        packages = List.copyOf(packages);
        classpath = List.copyOf(classpath);
    }

    /** Random six-hex-digit revision ids. */
    public static Supplier<String> randomRevisions() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return () -> String.format("%06x", random.nextInt(1 << 24));
    }
}
