package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scratch server the tool starts itself, when the user names no database and for verifying migrations: the
 * embedded PostgreSQL at one version of zonky's binaries, or a PostgreSQL container of a Docker image.
 */
public sealed interface DevDb {

    /** The embedded PostgreSQL, at {@code version} of zonky's binaries, found as {@code at} says when not bundled. */
    record Embedded(String version, PgBinaries.Locations at) implements DevDb {
    }

    /** A container of {@code image} (a PostgreSQL image: postgres, pgvector/pgvector, postgis/postgis, ...). */
    record Container(String image) implements DevDb {
    }

    /** The bundled embedded PostgreSQL: what a run without --dev-db or --pg-version gets. */
    static DevDb bundled() {
        return new Embedded(PgBinaries.BUNDLED, PgBinaries.Locations.from(System.getenv()));
    }

    Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:-]*(@sha256:[0-9a-f]{64})?");

    /**
     * From {@code --dev-db} ({@code embedded}, the default; {@code docker}, the official {@code postgres} image of
     * the --pg-version major, else of the bundled one; or an image name) and {@code --pg-version}.
     */
    static DevDb of(Optional<String> devDb, Optional<String> pgVersion, PgBinaries.Locations at) {
        String kind = devDb.map(String::trim).filter(s -> !s.isEmpty()).orElse("embedded");
        if (kind.equals("embedded")) {
            return new Embedded(PgBinaries.version(pgVersion), at);
        }
        if (kind.equals("docker")) {
            // the official image's tags: 16 follows that major's newest release, 16.4 is PostgreSQL 16.4 (zonky's 16.4.0)
            String tag = pgVersion.map(String::trim).filter(v -> !v.isEmpty())
                    .map(v -> v.matches("\\d+") ? v
                            : PgBinaries.version(Optional.of(v)).replaceFirst("^(\\d+\\.\\d+).*", "$1"))
                    .orElse(PgBinaries.BUNDLED.replaceFirst("\\..*", ""));
            return new Container("postgres:" + tag);
        }
        if (!IMAGE.matcher(kind).matches()) {
            throw new MigrateException("--dev-db " + kind + ": use embedded, docker, or a PostgreSQL image name such as"
                    + " pgvector/pgvector:pg16");
        }
        if (pgVersion.isPresent() && !pgVersion.get().isBlank()) {
            throw new MigrateException("--pg-version " + pgVersion.get().trim() + " with --dev-db " + kind
                    + ": the image decides the PostgreSQL version; drop --pg-version, or use --dev-db docker");
        }
        return new Container(kind);
    }
}
