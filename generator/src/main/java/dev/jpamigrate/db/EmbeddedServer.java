package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.function.Consumer;

/**
 * A PostgreSQL started for one run from the binaries in the jar, and discarded afterwards. Its data directory is a
 * copy of an initialized one kept in a cache, so a run pays for a file copy instead of {@code initdb}.
 */
public final class EmbeddedServer implements Server {
    /** Names the cache directory; {@code off} turns the cache off. */
    public static final String CACHE_ENV = "MIGRATE_CACHE_DIR";
    private static final String READY = ".jpa-migrate-ready";

    private final EmbeddedPostgres postgres;
    private final Path ownedDataDir;

    private EmbeddedServer(EmbeddedPostgres postgres, Path ownedDataDir) {
        this.postgres = postgres;
        this.ownedDataDir = ownedDataDir;
    }

    /** Starts with the cache named by the environment (see {@link #cacheDir}). */
    public static EmbeddedServer start() {
        return start(cacheDir(System.getenv()), line -> { });
    }

    public static EmbeddedServer start(Consumer<String> log) {
        return start(cacheDir(System.getenv()), log);
    }

    /**
     * Starts a server; with a cache directory, its data directory is copied from a cached initialized one, which is
     * created on first use.
     */
    public static EmbeddedServer start(Optional<Path> cacheDir, Consumer<String> log) {
        if (cacheDir.isPresent()) {
            try {
                Path template = template(cacheDir.get(), log);
                Path run = Files.createTempDirectory("jpa-migrate-pgdata");
                long start = System.nanoTime();
                copyTree(template, run);
                log.accept(String.format("embedded data directory copied from %s in %d ms", template,
                        (System.nanoTime() - start) / 1_000_000));
                try {
                    return new EmbeddedServer(builder().setDataDirectory(run).setCleanDataDirectory(false).start(), run);
                } catch (IOException | RuntimeException e) {
                    deleteTree(run);
                    // a broken or incompatible cache must never stop the tool: rebuild it next time, initdb now
                    deleteTree(template);
                    log.accept("cached embedded data directory did not start (" + e.getMessage() + "); removed it");
                }
            } catch (IOException | RuntimeException e) {
                log.accept("embedded data directory cache unusable (" + e.getMessage() + "); running initdb");
            }
        }
        try {
            return new EmbeddedServer(builder().start(), null);
        } catch (IOException | RuntimeException e) {
            throw startFailure(e);
        }
    }

    private static MigrateException startFailure(Exception e) {
        return new MigrateException("cannot start the embedded PostgreSQL: " + e.getMessage()
                + ". Pass --url to use a running server instead", e);
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
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
    private static Path template(Path cacheDir, Consumer<String> log) throws IOException {
        Path template = cacheDir.resolve("pgdata-" + binariesKey());
        if (Files.isRegularFile(template.resolve(READY))) {
            return template;
        }
        Files.createDirectories(cacheDir);
        // built beside the final place and renamed into it, so concurrent first runs never see half a directory
        Path building = cacheDir.resolve("building-" + UUID.randomUUID());
        long start = System.nanoTime();
        try {
            EmbeddedPostgres pg = builder().setDataDirectory(building).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).start();
            pg.close();
            Files.deleteIfExists(building.resolve("epg-lock"));
            Files.writeString(building.resolve(READY), "initialized by jpa-migrate; safe to delete\n");
            try {
                Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                deleteTree(building); // another run finished first; its copy is as good as ours
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(building);
            throw e;
        }
        log.accept(String.format("embedded data directory cached in %s (initdb, once) in %d ms", template,
                (System.nanoTime() - start) / 1_000_000));
        return template;
    }

    /**
     * Identifies the PostgreSQL binaries the server runs by their archive's size and checksum. A data directory is only
     * valid for the major version that made it; anything else that differs only costs one more initdb.
     */
    public static String binariesKey() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : "linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String machine = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        String identity = "unknown";
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource("postgres-" + system + "-" + machine + ".txz");
        if (archive != null) {
            try {
                URLConnection c = archive.openConnection();
                if (c instanceof JarURLConnection jar) {
                    // the entry's size and CRC, not the jar's path or date: every rebuild of the tool's jar, and every
                    // checkout of it, must find the same cache
                    JarEntry entry = jar.getJarEntry();
                    identity = entry.getName() + "|" + entry.getSize() + "|" + entry.getCrc();
                } else {
                    identity = archive.getPath() + "|" + c.getContentLengthLong();
                }
            } catch (IOException e) {
                identity = archive.toString();
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return system + "-" + machine + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp file left behind holds nothing of value
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    @Override
    public Connection connect(String database) {
        try {
            return postgres.getDatabase("postgres", database).getConnection();
        } catch (SQLException e) {
            throw new MigrateException("cannot connect to the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public ScratchDatabase createScratch() {
        return ScratchDatabase.create(this, "postgres");
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the process is gone either way
        }
        deleteTree(ownedDataDir);
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL";
    }
}
