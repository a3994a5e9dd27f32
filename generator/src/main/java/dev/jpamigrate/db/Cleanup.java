package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * What one run must not leave behind (scratch databases, temporary directories, an embedded server), undone newest
 * first when the run closes it, or by a JVM shutdown hook on Ctrl-C or SIGTERM. What {@code kill -9} leaves is for
 * the watchdog of an embedded server and for the next run's sweeps: {@link ScratchDatabase} for databases,
 * {@link #tempDir} for directories.
 */
public final class Cleanup implements AutoCloseable {
    /** How long Ctrl-C may spend cleaning up before the JVM exits anyway; the watchdog and the sweeps cover the rest. */
    private static final long HOOK_LIMIT_MS = 5_000;
    /** Locked by the owning process for the directory's life; a lock anyone can take means its owner is gone. */
    private static final String OWNER = ".jpa-migrate-owner";
    /** The temporary directories this tool makes; only these are swept. */
    private static final String SWEPT = "jpa-migrate-{pgdata,verify}*";
    /** Never stale: a directory being set up may not have its owner file locked yet. */
    private static final Duration YOUNG = Duration.ofMinutes(1);
    /** A directory without an owner file (made by an older version, or by a run killed at once) is stale after this. */
    private static final Duration UNOWNED_AGE = Duration.ofHours(1);

    private final Consumer<String> log;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Thread hook = new Thread(this::onShutdown, "jpa-migrate-cleanup");
    private boolean closed;
    private Thread sweeper;

    private Cleanup(Consumer<String> log) {
        this.log = log;
    }

    /** A registry whose entries a JVM shutdown hook undoes if the run does not get to close it. */
    public static Cleanup onExit(Consumer<String> log) {
        Cleanup cleanup = new Cleanup(log);
        Runtime.getRuntime().addShutdownHook(cleanup.hook);
        return cleanup;
    }

    /** One thing to undo; undone once, by whichever comes first: its owner, {@link #close}, or the shutdown hook. */
    public final class Entry implements AutoCloseable {
        private final String what;
        private final Runnable undo;
        private boolean done;

        private Entry(String what, Runnable undo) {
            this.what = what;
            this.undo = undo;
        }

        /** Undoes now; a second caller waits until the first one has finished. */
        @Override
        public void close() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                try {
                    undo.run();
                } catch (RuntimeException e) {
                    log.accept("could not remove " + what + ": " + e.getMessage());
                }
            }
            synchronized (Cleanup.this) {
                entries.remove(this);
            }
        }
    }

    /**
     * Registers {@code undo} for {@code what}. Call it before making the thing, so that no interruption falls between
     * the two; refused once the run is shutting down, so nothing new is made then.
     */
    public Entry add(String what, Runnable undo) {
        Entry entry = new Entry(what, undo);
        synchronized (this) {
            if (closed) {
                throw new MigrateException("interrupted: not creating " + what + " while shutting down");
            }
            entries.push(entry);
        }
        return entry;
    }

    /** Set when a shutdown hook starts: the JVM is exiting (a signal, or System.exit) and picks its own status. */
    private static volatile boolean shutdownStarted;

    /**
     * Whether the JVM has begun to shut down, as on Ctrl-C or SIGTERM: a command that fails then failed because its
     * resources were taken away, and its own exit status must not replace the signal's (a nonzero System.exit after
     * the hooks have run halts at once with that status).
     */
    public static boolean shutdownStarted() {
        return shutdownStarted;
    }

    /** True once the run is closing or shutting down. */
    public synchronized boolean closing() {
        return closed;
    }

    void log(String line) {
        log.accept(line);
    }

    /** A temporary directory of this run, removed on close; put files in subdirectories, it holds the owner file. */
    public static final class TempDir implements AutoCloseable {
        private final Path path;
        private final Entry entry;

        private TempDir(Path path, Entry entry) {
            this.path = path;
            this.entry = entry;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            entry.close();
        }
    }

    /**
     * Makes {@code <tmpdir>/<prefix>-<pid>-<random>} with an owner file this process keeps locked. The first call of
     * a run also sweeps the directories of this naming that killed runs left: older than a minute, no postmaster runs
     * in them, and their owner lock is free, or they have no owner file and are older than an hour.
     */
    public TempDir tempDir(String prefix) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweepInBackground(tmp);
        Path dir = tmp.resolve(prefix + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        FileChannel[] owner = new FileChannel[1];
        Entry entry = add("temporary directory " + dir, () -> {
            closeQuietly(owner[0]);
            deleteTree(dir);
        });
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
            owner[0] = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            owner[0].lock();
            return new TempDir(dir, entry);
        } catch (IOException e) {
            entry.close();
            throw new MigrateException("cannot create a temporary directory in " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** Once a run; beside it, since nothing waits for it (a listing of the tmpdir is not free on a cold JVM). */
    private void sweepInBackground(Path tmp) {
        synchronized (this) {
            if (sweeper != null) {
                return;
            }
            sweeper = new Thread(() -> sweepTempDirs(tmp), "jpa-migrate-sweep");
            sweeper.setDaemon(true);
        }
        sweeper.start();
    }

    private void sweepTempDirs(Path tmp) {
        Instant now = Instant.now();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, SWEPT)) {
            for (Path dir : dirs) {
                if (stale(dir, now)) {
                    deleteTree(dir);
                    log.accept("removed " + dir + ", left behind by a run that was killed");
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // a sweep that cannot list the directory leaves things as they were
        }
    }

    /** Whether a directory of the swept naming belongs to no live run; in doubt, it does. */
    static boolean stale(Path dir, Instant now) {
        Instant modified;
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            modified = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return false;
        }
        if (modified.isAfter(now.minus(YOUNG))
                // this process's own: probing its owner file would release this process's lock on it (POSIX locks
                // belong to the process and go with any descriptor of the file that it closes)
                || dir.getFileName().toString().contains("-" + ProcessHandle.current().pid() + "-")
                || postmasterAlive(dir.resolve("postmaster.pid")) || postmasterAlive(dir.resolve("data/postmaster.pid"))) {
            return false;
        }
        Path owner = dir.resolve(OWNER);
        if (Files.exists(owner)) {
            try (FileChannel ch = FileChannel.open(owner, StandardOpenOption.WRITE); FileLock lock = ch.tryLock()) {
                return lock != null;
            } catch (IOException | OverlappingFileLockException e) {
                return false;
            }
        }
        return modified.isBefore(now.minus(UNOWNED_AGE));
    }

    private static boolean postmasterAlive(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return !lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.get(0).trim())).isPresent();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Undoes every entry still registered, newest first; the run makes nothing new afterwards. */
    @Override
    public void close() {
        undoAll();
        Thread sweep;
        synchronized (this) {
            sweep = sweeper;
        }
        if (sweep != null) {
            try {
                sweep.join(2_000); // done long since, as a rule; else let it finish what it deletes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running, or has run: nothing left for it either way
        }
    }

    private void undoAll() {
        List<Entry> pending;
        synchronized (this) {
            closed = true;
            pending = List.copyOf(entries);
        }
        pending.forEach(Entry::close);
    }

    /**
     * On Ctrl-C or SIGTERM other threads keep running while hooks run: the main thread may be mid-query. Entries are
     * undone beside it, each waiting for whatever it is creating; bounded, so an unreachable server cannot hold the
     * exit.
     */
    private void onShutdown() {
        shutdownStarted = true;
        Thread worker = new Thread(this::undoAll, "jpa-migrate-cleanup-worker");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(HOOK_LIMIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // what cannot be deleted now, the next run's sweep can
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // same; RuntimeException: a file vanished during the walk (UncheckedIOException)
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // releasing what is being discarded
            }
        }
    }
}
