package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * the watchdog of an embedded server, and for the next run's sweep of scratch databases ({@link ScratchDatabase}).
 */
public final class Cleanup implements AutoCloseable {
    /** How long Ctrl-C may spend cleaning up before the JVM exits anyway; the watchdog and the sweep cover the rest. */
    private static final long HOOK_LIMIT_MS = 5_000;
    private final Consumer<String> log;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Thread hook = new Thread(this::onShutdown, "jpa-migrate-cleanup");
    private boolean closed;

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

    /** True once the run is closing or shutting down. */
    public synchronized boolean closing() {
        return closed;
    }

    void log(String line) {
        log.accept(line);
    }

    /** A temporary directory of this run, removed on close. */
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

    /** Makes {@code <tmpdir>/<prefix>-<pid>-<random>}. */
    public TempDir tempDir(String prefix) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = tmp.resolve(prefix + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        Entry entry = add("temporary directory " + dir, () -> deleteTree(dir));
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
            return new TempDir(dir, entry);
        } catch (IOException e) {
            entry.close();
            throw new MigrateException("cannot create a temporary directory in " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** Undoes every entry still registered, newest first; the run makes nothing new afterwards. */
    @Override
    public void close() {
        undoAll();
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
                    // a temporary file left behind holds nothing of value
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // same; RuntimeException: a file vanished during the walk (UncheckedIOException)
        }
    }
}
