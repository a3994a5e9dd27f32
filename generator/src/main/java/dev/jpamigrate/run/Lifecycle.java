package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.Text;
import dev.jpamigrate.db.DbUrl;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.*;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The migration lifecycle on one database, counted in migration files: status, upgrade, downgrade, reset, stamp,
 * unlock. Liquibase does the work and keeps DATABASECHANGELOG; this class decides what to ask of it and reports.
 */
public final class Lifecycle {
    /** Above this many changeSets, upgrade reports each changeSet, not just each file. */
    static final int PROGRESS_THRESHOLD = 10;

    private final Connection connection;
    private final Changelogs changelogs;
    private final Duration lockWait;
    private final Consumer<Text> progress;
    private final LiquibaseRunner runner;
    private java.util.function.Consumer<Progress> events = e -> { };

    public Lifecycle(Connection connection, Changelogs changelogs, Duration lockWait, Consumer<Text> progress) {
        this.connection = connection;
        this.changelogs = changelogs;
        this.lockWait = lockWait;
        this.progress = progress;
        this.runner = new LiquibaseRunner(connection, changelogs).lockWait(lockWait).notes(this::tell);
    }

    /** A line of progress, as data: the command line words it. */
    private void tell(Object... pieces) {
        progress.accept(Text.of(pieces));
    }

    /** Where the progress of long operations goes ({@link Progress}); nowhere by default. */
    public Lifecycle events(java.util.function.Consumer<Progress> events) {
        this.events = events;
        return this;
    }

    /** What was applied, reverted or marked, by migration file, and where the database ended up. */
    public record Outcome(List<Migration> migrations, int changeSets, Status after) {
        public Outcome {
            migrations = List.copyOf(migrations);
        }
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** Every migration with its state; reads DATABASECHANGELOG by SQL, so it creates no tracking table. */
    public Status status() {
        return status(runner.history());
    }

    /**
     * The migrations of one pairing: each file that holds a changeSet this run selects (or one that ran), in changelog
     * order, with how many of its changeSets ran. A changeSet that the contexts or labels leave out is not pending.
     */
    private Status status(History history) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // file -> {changeSets, applied}
        Map<String, Instant> appliedAt = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (History.Entry e : history.entries()) {
            if (!e.selected() && !e.applied()) {
                continue;
            }
            int[] c = counts.computeIfAbsent(e.file(), f -> new int[2]);
            c[0]++;
            if (e.changeSet().physicalPath() != null) {
                sources.putIfAbsent(e.file(), e.changeSet().physicalPath());
            }
            if (e.applied()) {
                c[1]++;
                e.rows().stream().map(Applied::executedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
                        .ifPresent(at -> appliedAt.merge(e.file(), at, (x, y) -> x.isAfter(y) ? x : y));
            }
        }
        List<Migration> migrations = new ArrayList<>();
        counts.forEach((file, c) -> migrations.add(Migration.of(file, changelogs.label(file),
                sources.containsKey(file) ? changelogs.file(sources.get(file)) : null, c[0], c[1], appliedAt.get(file))));
        List<String> unknown = history.orphans().stream().map(a -> History.file(a.file())).distinct().toList();
        return new Status(migrations, unknown);
    }

    // ---- upgrade ------------------------------------------------------------------------------------------

    /**
     * Applies every pending changeSet, each migration file in one transaction with its tracking rows: when a changeSet
     * fails, or the process dies, its file is not applied at all and the earlier files stay applied. A file that locks
     * more objects than one transaction can is applied one changeSet per transaction instead (see
     * {@link FileTransactions}): then what stays of it is the changeSets before the failing one, each with its row.
     */
    public Outcome upgrade() {
        return upgrade("head");
    }

    /**
     * Applies the pending changeSets of every migration up to and including {@code target} ({@code head}: all of
     * them), each file in one transaction as {@link #upgrade()} does. A target behind a migration already applied is
     * an error: upgrade never reverts.
     */
    public Outcome upgrade(String target) {
        return locked(() -> upgradeLocked(target));
    }

    private Outcome upgradeLocked(String target) {
        Status before = status();
        List<Migration> pending = before.pending();
        boolean all = target == null || target.trim().equalsIgnoreCase("head");
        if (!all) {
            List<Migration> migrations = before.migrations();
            int last = resolve(migrations, target, "; nothing was changed").index();
            pending = pending.stream().filter(m -> migrations.indexOf(m) <= last).toList();
            if (pending.isEmpty()) {
                Optional<Migration> later = migrations.subList(last + 1, migrations.size()).stream()
                        .filter(m -> m.applied() > 0).reduce((a, b) -> b);
                if (later.isPresent()) {
                    throw new MigrateException(Text.of("cannot upgrade to " + migrations.get(last).revision()
                            + ": the database is at " + later.get().revision() + ", past it; upgrade never reverts"
                            + " (use ", Text.command("downgrade", migrations.get(last).rev()),
                            "); nothing was changed"), null, MigrateException.Kind.USAGE);
                }
            }
        }
        if (pending.isEmpty()) {
            return new Outcome(List.of(), 0, before);
        }
        int total = pending.stream().mapToInt(m -> m.changeSets() - m.applied()).sum();
        Listener listener = new Listener(before, total, pending.size());
        try {
            if (all) {
                runner.update(listener);
            } else {
                // Liquibase runs pending changeSets in changelog order, so the first `total` are exactly those of the
                // migrations up to the target.
                runner.update(total, listener);
            }
        } catch (MigrateException e) {
            if (listener.failed == null) {
                throw e;
            }
            throw failedMidway(before, listener, e);
        }
        Status after = status();
        List<Migration> applied = listener.files().stream().map(f -> find(after, f)).filter(Objects::nonNull).toList();
        return new Outcome(applied, listener.ran.size(), after);
    }

    /** Prints the SQL an upgrade would run. Liquibase 4.33 writes even the tracking tables' DDL rather than run it. */
    public void upgradeSql(Writer out) {
        runner.updateSql(out);
    }

    /** As {@link #upgradeSql(Writer)}, for the migrations up to and including {@code target}. */
    public void upgradeSql(String target, Writer out) {
        if (target == null || target.trim().equalsIgnoreCase("head")) {
            runner.updateSql(out);
            return;
        }
        Status before = status();
        List<Migration> migrations = before.migrations();
        int last = resolve(migrations, target, "").index();
        int count = before.pending().stream().filter(m -> migrations.indexOf(m) <= last)
                .mapToInt(m -> m.changeSets() - m.applied()).sum();
        runner.updateSql(count, out);
    }

    /**
     * The one line for an upgrade that failed part way. Each migration file runs in one transaction, so the failing
     * file left nothing behind, unless parts of it committed on their own (enum labels, runInTransaction:false, a file
     * too big for one transaction); what is said comes from DATABASECHANGELOG as it is now, not from what was intended.
     */
    private MigrateException failedMidway(Status before, Listener listener, MigrateException e) {
        ChangeSet failed = listener.failed;
        String file = failed.getFilePath();
        Status after = status();
        Migration was = find(before, file);
        Migration now = find(after, file);
        String name = now != null ? now.revision() : file;
        StringBuilder message = new StringBuilder("migration " + name + " failed at changeSet "
                + failed.getAuthor() + ":" + failed.getId() + ": " + sqlError(listener.failure != null ? listener.failure : e));
        int appliedBefore = was == null ? 0 : was.applied();
        int appliedNow = now == null ? 0 : now.applied();
        if (appliedNow == appliedBefore) {
            message.append("; it was rolled back as a whole (no change of it stays), so the database is ")
                    .append(where(after));
        } else {
            message.append("; ").append(appliedNow - appliedBefore).append(runner.split(file)
                    ? " of its changeSets had committed, one transaction each (the file locks more objects than one"
                    + " transaction can), and stay applied, so the database is "
                    : " of its changeSets had committed on their own (enum labels added, or runInTransaction:false)"
                    + " and stay applied, so the database is ").append(where(after));
        }
        long earlier = listener.files().stream().filter(f -> !f.equals(file)).count();
        if (earlier > 0) {
            message.append(" (").append(earlier).append(" earlier migration(s) of this run stay applied)");
        }
        return new MigrateException(message.toString(), e);
    }

    /** "at <revision>", or "part way through <revision> (k of n changeSets applied)". */
    private static String where(Status status) {
        return status.current().map(m -> m.state() == Migration.State.PARTIAL
                ? "part way through " + m.revision() + " (" + m.applied() + " of " + m.changeSets() + " changeSets"
                + " applied)" : "at " + m.revision()).orElse("at no migration");
    }

    /** The database's own words: the first line of the PostgreSQL error, without Liquibase's wrapping. */
    static String sqlError(Throwable e) {
        SQLException sql = LiquibaseRunner.find(e, SQLException.class);
        String text = sql != null ? sql.getMessage() : LiquibaseRunner.flatten(e);
        return DbUrl.mask(text.lines().findFirst().orElse(text).trim());
    }

    /** Reports each migration file as it starts, and each changeSet when there are many. */
    private final class Listener extends AbstractChangeExecListener implements LiquibaseRunner.Restarts {
        private final Status before;
        private final int total;
        private final int files;
        private int fileIndex;
        private final List<ChangeSet> ran = new ArrayList<>();
        private String currentFile;
        private String lastRevision;
        private ChangeSet failed;
        private Exception failure;
        private int started;

        Listener(Status before, int total, int files) {
            this.before = before;
            this.total = total;
            this.files = files;
            this.lastRevision = before.current().map(Migration::revision).orElse("");
        }

        List<String> files() {
            return ran.stream().map(ChangeSet::getFilePath).distinct().toList();
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.RunStatus status) {
            started++;
            String file = changeSet.getFilePath();
            if (!file.equals(currentFile)) {
                currentFile = file;
                Migration m = find(before, file);
                String revision = m != null ? m.revision() : file;
                tell("Running upgrade " + lastRevision + " -> " + revision
                        + (m != null && !m.message().isEmpty() ? ", " + m.message() : ""));
                lastRevision = revision;
                fileIndex++;
                events.accept(new Progress.File(fileIndex, Math.max(files, fileIndex), m != null ? m.file() : file));
            }
            events.accept(new Progress.ChangeSet(started, total, changeSet.getId()));
            if (total > PROGRESS_THRESHOLD) {
                String comment = changeSet.getComments() == null ? "" : " " + changeSet.getComments().trim();
                String line = String.format("  [%d/%d] %s%s", started, total, changeSet.getId(), comment);
                tell(line.length() > 120 ? line.substring(0, 117) + "..." : line);
            }
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.ExecType type) {
            ran.add(changeSet);
        }

        @Override
        public void restarting(List<ChangeSet> undone) {
            // the file's rolled-back changeSets run again: counted once, and the file is still the current one
            started -= undone.size();
            ran.removeAll(undone);
            failed = null;
            failure = null;
        }

        @Override
        public void runFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception e) {
            failed = changeSet;
            failure = e;
        }
    }

    // ---- downgrade / reset --------------------------------------------------------------------------------

    /** Reverts the last {@code files} applied migration files, every changeSet of each. */
    public Outcome downgrade(int files, Writer sqlOut) {
        return sqlOut != null ? downgradeLocked(files, sqlOut) : locked(() -> downgradeLocked(files, null));
    }

    private Outcome downgradeLocked(int files, Writer sqlOut) {
        History history = runner.history();
        Status before = status(history);
        List<Applied> applied = history.applied();
        if (applied.isEmpty()) {
            throw new MigrateException("nothing to downgrade: no migration is applied", null, MigrateException.Kind.USAGE);
        }
        List<String> reverted = new ArrayList<>();
        int count = 0;
        for (int i = applied.size() - 1; i >= 0; i--) {
            String file = History.file(applied.get(i).file());
            if (!reverted.contains(file)) {
                if (reverted.size() == files) {
                    break;
                }
                reverted.add(file);
            }
            count++;
        }
        if (reverted.size() < files) {
            throw new MigrateException(Text.of("cannot downgrade " + files + " migration(s): only "
                    + reverted.size() + " applied (use ", Text.command("reset"),
                    " to revert them all); nothing was changed"), null, MigrateException.Kind.USAGE);
        }
        return revert(history, before, reverted, count, sqlOut);
    }

    /**
     * Reverts every migration after {@code target}, so that it becomes the database's revision; {@code base} reverts
     * them all. Only what was applied after the target's own changeSets goes: a migration at or before the target that
     * ran later (out of order) stops it before anything is reverted.
     */
    public Outcome downgradeTo(String target, Writer sqlOut) {
        return sqlOut != null ? downgradeToLocked(target, sqlOut) : locked(() -> downgradeToLocked(target, null));
    }

    private Outcome downgradeToLocked(String target, Writer sqlOut) {
        History history = runner.history();
        Status before = status(history);
        if (target.trim().equalsIgnoreCase("base")) {
            return resetLocked(sqlOut);
        }
        List<Migration> migrations = before.migrations();
        Revisions.Resolved.Found found = resolve(migrations, target, "; nothing was changed");
        Migration to = found.migration();
        if (to.applied() == 0) {
            throw new MigrateException(Text.of("cannot downgrade to " + to.revision() + ": it is not applied (the"
                    + " database is " + where(before) + "); downgrade never applies (use ",
                    Text.command("upgrade", to.rev()), "); nothing was changed"), null, MigrateException.Kind.USAGE);
        }
        java.util.Set<String> after = new java.util.HashSet<>();
        migrations.subList(found.index() + 1, migrations.size()).stream().filter(m -> m.applied() > 0)
                .forEach(m -> after.add(m.file()));
        List<Applied> applied = history.applied();
        long remaining = applied.stream().filter(a -> after.contains(History.file(a.file()))).count();
        if (remaining == 0) {
            return new Outcome(List.of(), 0, before);
        }
        List<String> reverted = new ArrayList<>();
        int count = 0;
        for (int i = applied.size() - 1; i >= 0 && remaining > 0; i--) {
            String file = History.file(applied.get(i).file());
            if (after.contains(file)) {
                remaining--;
            } else if (!before.unknownFiles().contains(file)) { // a missing file is refused by revert(), by name
                Migration m = find(before, file);
                throw new MigrateException(Text.of("cannot downgrade to " + to.revision() + ": "
                        + (m == null ? file : m.revision()) + ", at or before it, was applied after migrations that"
                        + " follow it, and rollbacks run in the order things were applied; revert by count instead"
                        + " (", Text.command("downgrade", "-" + (reverted.size() + 1)), "); nothing was changed"),
                        null, MigrateException.Kind.USAGE);
            }
            if (!reverted.contains(file)) {
                reverted.add(file);
            }
            count++;
        }
        return revert(history, before, reverted, count, sqlOut);
    }

    /** Reverts every applied changeSet, newest first. */
    public Outcome reset(Writer sqlOut) {
        return sqlOut != null ? resetLocked(sqlOut) : locked(() -> resetLocked(null));
    }

    private Outcome resetLocked(Writer sqlOut) {
        History history = runner.history();
        Status before = status(history);
        List<Applied> applied = history.applied();
        if (applied.isEmpty()) {
            return new Outcome(List.of(), 0, before);
        }
        List<String> files = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            String file = History.file(applied.get(i).file());
            if (!files.contains(file)) {
                files.add(file);
            }
        }
        return revert(history, before, files, applied.size(), sqlOut);
    }

    private Outcome revert(History history, Status before, List<String> files, int count, Writer sqlOut) {
        List<String> missing = files.stream().filter(before.unknownFiles()::contains).toList();
        if (!missing.isEmpty()) {
            throw new MigrateException("cannot revert " + String.join(", ", missing) + ": the database has changeSets"
                    + " of it applied, but the changelogs no longer hold them, so their rollback is unknown. Restore"
                    + " the file from version control; nothing was changed", null, MigrateException.Kind.USAGE);
        }
        List<Migration> migrations = files.stream().map(f -> {
            Migration m = find(before, f);
            return m != null ? m : Migration.of(f, changelogs.label(f), null, 0, 0, null);
        }).toList();
        requireRollbacks(history, files, migrations);
        if (sqlOut != null) {
            runner.rollbackSql(count, sqlOut);
            return new Outcome(migrations, count, before);
        }
        List<Migration> order = before.migrations();
        for (Migration m : migrations) {
            int index = order.indexOf(m);
            String to = index > 0 ? order.get(index - 1).revision() : "";
            tell("Running downgrade " + m.revision() + " -> " + to
                    + (m.message().isEmpty() ? "" : ", " + m.message()));
        }
        Reverts listener = new Reverts();
        try {
            runner.rollback(count, listener);
        } catch (MigrateException e) {
            Status after = status();
            String failed = listener.failed == null ? "" : " at changeSet " + listener.failed.getAuthor() + ":"
                    + listener.failed.getId();
            Migration at = listener.failed == null ? null : find(before, listener.failed.getFilePath());
            Migration was = at == null ? null : find(after, at.file());
            long reverted = migrations.stream().filter(m -> {
                Migration now = find(after, m.file());
                return now != null && now.applied() == 0 && m.applied() > 0;
            }).count();
            String state = at == null ? "" : was != null && was.applied() == at.applied()
                    ? "; it was not reverted (its rollback was undone as a whole, so its data is as it was)"
                    : "; " + (at.applied() - (was == null ? 0 : was.applied())) + " of its changeSets had committed"
                    + (runner.split(listener.failed.getFilePath()) ? ", one transaction each (the file locks more objects than one"
                    + " transaction can), and stay reverted"
                    : " on their own (enum labels added, or runInTransaction:false) and stay reverted");
            throw new MigrateException("downgrade" + (at == null ? "" : " of " + at.revision()) + " failed" + failed
                    + ": " + sqlError(listener.failure != null ? listener.failure : e) + state
                    + (reverted > 0 ? "; " + reverted + " migration(s) reverted before it stay reverted" : "")
                    + ", so the database is " + where(after), e);
        }
        return new Outcome(migrations, count, status());
    }

    /**
     * Before anything is reverted: every applied changeSet of the files to revert must have a rollback Liquibase can
     * run (its own, or one Liquibase derives, as for createTable or addColumn). Liquibase would otherwise stop at the
     * first one without, after reverting the files after it.
     */
    private void requireRollbacks(History history, List<String> files, List<Migration> migrations) {
        for (History.Entry e : history.entries()) {
            if (e.applied() && files.contains(e.file()) && !runner.canRollBack(e.changeSet().parsed())) {
                Migration m = migrations.get(files.indexOf(e.file()));
                String changes = String.join(", ", runner.irreversible(e.changeSet().parsed()));
                throw new MigrateException("cannot downgrade " + m.revision() + ": its changeSet "
                        + e.changeSet().author() + ":" + e.changeSet().id() + " (" + e.changeSet().filePath()
                        + ") has no rollback" + (changes.isEmpty() ? "" : " and Liquibase cannot invert " + changes)
                        + "; add a rollback to it (<rollback> in XML, rollback: in YAML, --rollback in SQL); nothing"
                        + " was changed", null, MigrateException.Kind.USAGE);
            }
        }
    }

    /** Remembers the changeSet whose rollback failed. */
    private static final class Reverts extends AbstractChangeExecListener implements LiquibaseRunner.Restarts {
        private ChangeSet failed;
        private Exception failure;

        @Override
        public void restarting(List<ChangeSet> undone) {
            failed = null;
            failure = null;
        }

        @Override
        public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception e) {
            failed = changeSet;
            failure = e;
        }
    }

    // ---- stamp / unlock -----------------------------------------------------------------------------------

    /**
     * Records every changeSet up to and including migration {@code ref} (or all, for {@code head}) as applied
     * without running it: for a database whose tables were made before migrations existed.
     */
    public Outcome stamp(String ref) {
        return locked(() -> stampLocked(ref));
    }

    private Outcome stampLocked(String ref) {
        Status before = status();
        List<Migration> migrations = before.migrations();
        int last;
        if (ref.trim().equalsIgnoreCase("head")) {
            if (migrations.isEmpty()) {
                throw new MigrateException("nothing to stamp: " + changelogs.master() + " lists no migration", null, MigrateException.Kind.USAGE);
            }
            last = migrations.size() - 1;
        } else {
            last = resolve(migrations, ref, "; nothing was changed").index();
        }
        for (int i = last + 1; i < migrations.size(); i++) {
            if (migrations.get(i).applied() > 0) {
                throw new MigrateException(Text.of("cannot stamp " + migrations.get(last).revision() + ": the later"
                        + " migration " + migrations.get(i).revision() + " is applied; stamp only marks migrations as"
                        + " applied, use ", Text.command("downgrade"), " to revert; nothing was changed"), null, MigrateException.Kind.USAGE);
            }
        }
        List<Migration> marked = migrations.subList(0, last + 1).stream()
                .filter(m -> m.state() != Migration.State.APPLIED).toList();
        int count = marked.stream().mapToInt(m -> m.changeSets() - m.applied()).sum();
        if (count == 0) {
            return new Outcome(List.of(), 0, before);
        }
        events.accept(new Progress.Phase("mark applied"));
        int ran = runner.markRan(marked.stream().map(Migration::file).collect(java.util.stream.Collectors.toSet()));
        return new Outcome(marked, ran, status());
    }

    /** Releases the migration lock if it is held, and says who held it. */
    public Optional<LiquibaseRunner.Lock> unlock() {
        Optional<LiquibaseRunner.Lock> held = runner.lock();
        runner.releaseLock();
        return held;
    }

    /**
     * Runs {@code operation} holding both locks. A session advisory lock serializes jpa-migrate runs, including the
     * moment Liquibase creates its tracking tables (two first runs would otherwise race on CREATE TABLE), and dies
     * with its session, so it is never stale. DATABASECHANGELOGLOCK is the lock every Liquibase (Spring Boot at
     * startup too) honours; one that outlives the wait was most often left by a killed process, so the error says
     * how to release it.
     */
    private <T> T locked(Supplier<T> operation) {
        long deadline = System.nanoTime() + lockWait.toNanos();
        boolean told = false;
        while (!tryAdvisoryLock()) {
            if (System.nanoTime() >= deadline) {
                throw new MigrateException("another jpa-migrate run is migrating this database and did not finish"
                        + " within " + lockWait.toSeconds() + " s (--lock-timeout); nothing was changed", null,
                        MigrateException.Kind.LOCKED);
            }
            if (!told) {
                tell("Waiting for another jpa-migrate run on this database to finish (up to "
                        + lockWait.toSeconds() + " s)");
                told = true;
            }
            pause();
        }
        try {
            Optional<LiquibaseRunner.Lock> lock = releaseIfStale(runner.lock());
            if (lock.isPresent() && !lockWait.isZero()) {
                tell("Waiting for the migration lock, " + lock.get().describe() + " (up to "
                        + lockWait.toSeconds() + " s; if no migration is running, release it with ",
                        Text.command("unlock"), ")");
            }
            while (lock.isPresent() && System.nanoTime() < deadline) {
                pause();
                lock = releaseIfStale(runner.lock());
            }
            if (lock.isPresent()) {
                throw new MigrateException(Text.of(lock.get().message(), "; nothing was changed"), null,
                        MigrateException.Kind.LOCKED);
            }
            return operation.get();
        } finally {
            advisoryUnlock();
        }
    }

    /**
     * A lock taken by a jpa-migrate run records its backend PID. When that backend is gone, the run was killed: its
     * session ended, PostgreSQL rolled back what it had not committed, and no one is migrating under the lock. We hold
     * the advisory lock here, so no other jpa-migrate run is between taking and releasing it either.
     */
    private Optional<LiquibaseRunner.Lock> releaseIfStale(Optional<LiquibaseRunner.Lock> lock) {
        if (lock.isPresent() && runner.holderGone(lock.get()) && runner.releaseIfStill(lock.get())) {
            tell("Released the migration lock " + lock.get().describe() + ": that run is gone (killed"
                    + " before it finished; what it had not committed was rolled back)");
            return runner.lock();
        }
        return lock;
    }

    /** Any 64-bit constant works: advisory locks are per database. This one spells "jpa-mig". */
    private static final long ADVISORY_KEY = 0x6a70612d6d6967L;

    private boolean tryAdvisoryLock() {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_try_advisory_lock(" + ADVISORY_KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new MigrateException("cannot take the migration lock: " + e.getMessage(), e);
        }
    }

    private void advisoryUnlock() {
        try (Statement st = connection.createStatement()) {
            st.execute("select pg_advisory_unlock(" + ADVISORY_KEY + ")");
        } catch (SQLException ignored) {
            // the lock goes with the session, which ends right after this
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException("interrupted while waiting for the migration lock", e);
        }
    }

    /**
     * The migration {@code ref} names ({@link Revisions}), or the one line for a name that is unknown or ambiguous;
     * {@code tail} ends that line ("; nothing was changed").
     */
    public Revisions.Resolved.Found resolve(List<Migration> migrations, String ref, String tail) {
        return Revisions.require(migrations, ref, changelogs.master(), tail);
    }

    private static Migration find(Status status, String file) {
        String key = History.file(file);
        return status.migrations().stream().filter(m -> m.file().equals(key)).findFirst().orElse(null);
    }
}
