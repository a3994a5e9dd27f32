package dev.jpamigrate.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The scratch databases of one run on one server, where dropping a database costs seconds: PostgreSQL's DROP DATABASE
 * waits for an immediate checkpoint of the whole server (0.3 to 2.6 s measured on a server in use), and a run needs
 * two or three scratch databases.
 *
 * <p>So a scratch database its user left as it was created (everything it did rolled back, see
 * {@link ScratchDatabase#asCreated()}) is kept for the run's next one instead of dropped and created again, and the
 * others are dropped on a thread of their own while the run goes on. {@link #close()}, as the run ends, drops what is
 * kept and waits for every drop: a run that ends leaves none behind. A run killed before that leaves them to the next
 * run's sweep, as before ({@link ScratchDatabase}: the lock that marks them in use goes with the process).
 */
final class ScratchPool implements AutoCloseable {
    private ScratchDatabase spare;
    private boolean closed;
    private ExecutorService dropper;
    private final List<CompletableFuture<Void>> drops = new ArrayList<>();

    /** The database kept for reuse, if there is one; it is the caller's now. */
    synchronized ScratchDatabase take() {
        ScratchDatabase db = spare;
        spare = null;
        return db;
    }

    /** Keeps {@code db}, as created, for the next scratch database of the run; false when one is kept already. */
    synchronized boolean keep(ScratchDatabase db) {
        if (spare != null || closed) {
            return false;
        }
        spare = db;
        return true;
    }

    /** Drops {@code drop} (the database's drop) beside the run's work. */
    synchronized void dropLater(Runnable drop) {
        if (closed) {
            drop.run();
            return;
        }
        if (dropper == null) {
            dropper = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "jpa-migrate-scratch-drop");
                t.setDaemon(true);
                return t;
            });
        }
        drops.add(CompletableFuture.runAsync(drop, dropper));
    }

    /** Drops the kept database and waits until every drop has finished. */
    @Override
    public void close() {
        ScratchDatabase kept;
        List<CompletableFuture<Void>> pending;
        synchronized (this) {
            closed = true;
            kept = spare;
            spare = null;
            pending = List.copyOf(drops);
            drops.clear();
        }
        if (kept != null) {
            kept.dropNow();
        }
        for (CompletableFuture<Void> drop : pending) {
            try {
                drop.join();
            } catch (RuntimeException e) {
                // ScratchDatabase's drop reports nothing: what is left has the recognisable name, for the next sweep
            }
        }
        synchronized (this) {
            if (dropper != null) {
                dropper.shutdown();
                dropper = null;
            }
        }
    }
}
