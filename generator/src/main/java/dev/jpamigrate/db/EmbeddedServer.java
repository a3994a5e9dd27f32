package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A PostgreSQL started for one run from the binaries {@link PgBinaries} located, and discarded afterwards. Its data
 * directory is a copy of an initialized one kept in a cache (one per binaries), so a run pays for a file copy instead
 * of {@code initdb}.
 */
public final class EmbeddedServer implements Server {
    /** Names the cache directory; {@code off} turns the cache off. */
    public static final String CACHE_ENV = "MIGRATE_CACHE_DIR";
    private static final String READY = ".jpa-migrate-ready";

    private final Cleanup.TempDir dir;
    private final Path dataDir;
    /** Set with {@link #postgres}, under this object's monitor. */
    private Watchdog watchdog;
    private EmbeddedPostgres postgres;
    private Cleanup.Entry entry;

    private EmbeddedServer(Cleanup.TempDir dir) {
        this.dir = dir;
        this.dataDir = dir.path().resolve("data");
    }

    /** Starts these binaries with the cache named by the environment (see {@link #cacheDir}). */
    public static EmbeddedServer start(PgBinaries.Located binaries, Cleanup cleanup, Consumer<String> log) {
        return start(binaries, cacheDir(System.getenv()), cleanup, log);
    }

    /**
     * Starts a server; with a cache directory, its data directory is copied from a cached initialized one, which is
     * created on first use. The server and its directory are registered with {@code cleanup} and watched by a
     * {@link Watchdog}, so neither outlives this JVM.
     */
    public static EmbeddedServer start(PgBinaries.Located binaries, Optional<Path> cacheDir, Cleanup cleanup,
                                       Consumer<String> log) {
        if (cacheDir.isPresent()) {
            Path template = null;
            try {
                template = template(binaries, cacheDir.get(), cleanup, log);
            } catch (IOException | RuntimeException e) {
                stopIfClosing(cleanup, e);
                log.accept("embedded data directory cache unusable (" + e.getMessage() + "); running initdb");
            }
            if (template != null) {
                try {
                    return launch(binaries, template, cleanup, log);
                } catch (IOException | RuntimeException e) {
                    stopIfClosing(cleanup, e);
                    // a broken or incompatible cache must never stop the tool: rebuild it next time, initdb now
                    Cleanup.deleteTree(template);
                    log.accept("cached embedded data directory did not start (" + e.getMessage() + "); removed it");
                }
            }
        }
        try {
            return launch(binaries, null, cleanup, log);
        } catch (IOException | RuntimeException e) {
            stopIfClosing(cleanup, e);
            throw startFailure(e);
        }
    }

    /**
     * A run being shut down, or one that cannot make a temporary directory, stops here ({@link MigrateException}):
     * neither says anything about the cache.
     */
    private static void stopIfClosing(Cleanup cleanup, Exception e) {
        if (e instanceof MigrateException m) {
            throw m;
        }
        if (cleanup.closing()) {
            throw startFailure(e);
        }
    }

    /** A server on a copy of {@code template}, or on a fresh initdb when it is null. */
    private static EmbeddedServer launch(PgBinaries.Located binaries, Path template, Cleanup cleanup,
                                         Consumer<String> log) throws IOException {
        Cleanup.TempDir dir = cleanup.tempDir("jpa-migrate-pgdata");
        EmbeddedServer server = new EmbeddedServer(dir);
        // started beside the copy, which mostly waits on the disk; armed before the postmaster starts
        CompletableFuture<Watchdog> watchdog = CompletableFuture.supplyAsync(
                () -> watchdog(server.dataDir, dir.path(), log), EmbeddedServer::daemon);
        try {
            server.entry = cleanup.add("the embedded PostgreSQL in " + server.dataDir, server::stop);
            // the hook's stop waits for this block: it never finds a server half started
            synchronized (server) {
                try {
                    if (template != null) {
                        long start = System.nanoTime();
                        copyTree(template, server.dataDir);
                        log.accept(String.format("embedded data directory %s copied from %s in %d ms",
                                server.dataDir, template, (System.nanoTime() - start) / 1_000_000));
                    }
                } finally {
                    server.watchdog = watchdog.join();
                }
                server.postgres = builder(binaries).setDataDirectory(server.dataDir).setCleanDataDirectory(false).start();
            }
            return server;
        } catch (IOException | RuntimeException e) {
            if (server.watchdog == null) {
                server.watchdog = watchdog.join();
            }
            server.close();
            throw e;
        }
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "jpa-migrate-watchdog-start");
        t.setDaemon(true);
        t.start();
    }

    /** Armed for the postmaster of {@code dataDir}; null where no shell can be started (the hook still stops it). */
    private static Watchdog watchdog(Path dataDir, Path remove, Consumer<String> log) {
        try {
            return Watchdog.arm(dataDir.resolve("postmaster.pid"), remove);
        } catch (IOException e) {
            log.accept("no watchdog for the embedded PostgreSQL (" + e.getMessage() + "): if this process is killed,"
                    + " stop it by hand");
            return null;
        }
    }

    private static MigrateException startFailure(Exception e) {
        return new MigrateException("cannot start the embedded PostgreSQL: " + e.getMessage()
                + ". Pass --url to use a running server instead", e);
    }

    private static EmbeddedPostgres.Builder builder(PgBinaries.Located binaries) {
        return EmbeddedPostgres.builder()
                // the platform and version chosen by PgBinaries, not zonky's own guess from the class path
                .setPgBinaryResolver(new Resolver(binaries))
                // stopped by this class (see stop), in order with the rest of the cleanup, not by a hook of its own
                .setRegisterShutdownHook(false)
                // durability is worthless for a throwaway cluster, and costs time
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                // zonky passes "locale" settings to initdb as --key=value: 1 MB WAL segments instead of 16 MB make
                // the cached data directory 40% smaller, so each run copies less
                .setLocaleConfig("wal-segsize", "1");
    }

    /**
     * {@code $MIGRATE_CACHE_DIR}, else {@code $XDG_CACHE_HOME/jpa-migrate}, else {@code ~/.cache/jpa-migrate};
     * empty when the variable says {@code off}.
     */
    public static Optional<Path> cacheDir(Map<String, String> env) {
        String explicit = env.get(CACHE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return explicit.trim().equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Path.of(explicit.trim()));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "jpa-migrate"));
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "jpa-migrate"));
    }

    /** The cached initialized data directory for these PostgreSQL binaries, created (initdb, start, stop) if missing. */
    private static Path template(PgBinaries.Located binaries, Path cacheDir, Cleanup cleanup, Consumer<String> log)
            throws IOException {
        Path template = cacheDir.resolve("pgdata-" + binaries.binaries().key());
        if (Files.isRegularFile(template.resolve(READY))) {
            return template;
        }
        Files.createDirectories(cacheDir);
        // built beside the final place and renamed into it, so concurrent first runs never see half a directory
        Path building = cacheDir.resolve("building-" + UUID.randomUUID());
        Watchdog watchdog = watchdog(building, building, log);
        Cleanup.Entry entry = cleanup.add("the embedded data directory being cached in " + building, () -> {
            if (watchdog == null || !watchdog.fire()) {
                Cleanup.deleteTree(building);
            }
        });
        long start = System.nanoTime();
        try {
            EmbeddedPostgres pg = builder(binaries).setDataDirectory(building).setCleanDataDirectory(false).start();
            pg.close();
            Files.deleteIfExists(building.resolve("epg-lock"));
            Files.writeString(building.resolve(READY), "initialized by jpa-migrate; safe to delete\n");
            try {
                Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                Cleanup.deleteTree(building); // another run finished first; its copy is as good as ours
            }
            if (watchdog != null) {
                watchdog.disarm();
            }
        } catch (IOException | RuntimeException e) {
            Cleanup.deleteTree(building);
            throw e;
        } finally {
            entry.close(); // a watchdog still armed stops a postmaster left by a failed start, and removes the rest
        }
        log.accept(String.format("embedded data directory cached in %s (initdb, once) in %d ms", template,
                (System.nanoTime() - start) / 1_000_000));
        return template;
    }

    /**
     * Hands zonky the archive of the chosen binaries. zonky keeps the binaries it extracted per resolver in a static
     * map, by {@code equals}: equal for the same binaries, so a second server in one JVM extracts nothing.
     */
    private record Resolver(PgBinaries binaries, String where, PgBinaries.Located located) implements PgBinaryResolver {
        Resolver(PgBinaries.Located located) {
            this(located.binaries(), located.where(), located);
        }

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return located.open();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Resolver r && r.binaries.equals(binaries) && r.where.equals(where);
        }

        @Override
        public int hashCode() {
            return binaries.hashCode() * 31 + where.hashCode();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                try {
                    // PostgreSQL refuses a data directory others can read
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.getFileName().toString().equals(READY)) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public Connection connect(String database) {
        try {
            return postgres.getDatabase("postgres", database).getConnection();
        } catch (SQLException e) {
            throw new MigrateException("cannot connect to the embedded PostgreSQL: " + e.getMessage(), e,
                    MigrateException.Kind.CONNECTION);
        }
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public ScratchDatabase createScratch(Cleanup cleanup) {
        // nothing to sweep: the cluster is a fresh copy, and no run outlives its own
        return ScratchDatabase.create(this, "postgres", cleanup, false);
    }

    @Override
    public boolean embedded() {
        return true;
    }

    /** Stops the server and removes its directory; the same as when the run is interrupted. */
    @Override
    public void close() {
        if (entry != null) {
            entry.close();
        } else {
            stop();
        }
    }

    /**
     * Fires the watchdog: an immediate shutdown and {@code rm -rf}, the path every exit takes, so the one a killed JVM
     * relies on is the one each run uses. Without a watchdog that finished, PostgreSQL's own stop and a delete.
     */
    private synchronized void stop() {
        if ((watchdog == null || !watchdog.fire()) && postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the process is gone either way
            }
        }
        dir.close();
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL";
    }
}
