package dev.jpamigrate.run;

import dev.jpamigrate.util.Causes;
import dev.jpamigrate.MigrateException;
import dev.jpamigrate.Text;
import dev.jpamigrate.db.DbUrl;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.GlobalConfiguration;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ChangeLogParseException;
import liquibase.exception.LiquibaseException;
import liquibase.exception.LockException;
import liquibase.exception.SetupException;
import liquibase.exception.ValidationFailedException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.ui.LoggerUIService;

import java.io.FileNotFoundException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs the changelogs with Liquibase on one connection: pending, update, rollback, what is applied. */
public final class LiquibaseRunner implements AutoCloseable {
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        // Liquibase would otherwise try to phone home on a machine that may have no network.
        System.setProperty("liquibase.analytics.enabled", "false");
        LIQUIBASE_LOG.setLevel(Level.SEVERE);
    }

    private final Changelogs changelogs;
    private final Connection connection;
    private final FileTransactions transactions;
    private final Database database;
    private final Liquibase liquibase;
    private Duration lockWait = Duration.ofMinutes(5);
    private java.util.function.Consumer<String> notes = line -> { };

    public LiquibaseRunner(Connection connection, Changelogs changelogs) {
        this.changelogs = changelogs;
        this.connection = connection;
        this.transactions = new FileTransactions(connection);
        try {
            this.database = quietly(() -> DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
                    new JdbcConnection(transactions.connection())));
            if (changelogs.exists()) {
                this.liquibase = new Liquibase(changelogs.masterPath(), changelogs.resources(), database);
                liquibase.setShowSummary(UpdateSummaryEnum.OFF);
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            } else {
                this.liquibase = null; // a project with no migrations yet
            }
        } catch (FileNotFoundException e) {
            throw new MigrateException("changelog directory " + changelogs.root() + " does not exist");
        }
    }

    /** Library logging (Liquibase, Hibernate: java.util.logging) is shown only with --verbose. */
    public static void verbose(boolean on) {
        Level level = on ? Level.INFO : Level.SEVERE;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(level);
            if (!(h.getFormatter() instanceof MaskingFormatter)) {
                h.setFormatter(new MaskingFormatter(h.getFormatter()));
            }
        }
        LIQUIBASE_LOG.setLevel(level);
        Logger.getLogger("org.hibernate").setLevel(on ? Level.WARNING : Level.SEVERE);
    }

    /** Library log lines go through DbUrl.mask too: a driver or Liquibase message may quote a URL. */
    private static final class MaskingFormatter extends java.util.logging.Formatter {
        private final java.util.logging.Formatter inner;

        MaskingFormatter(java.util.logging.Formatter inner) {
            this.inner = inner != null ? inner : new java.util.logging.SimpleFormatter();
        }

        @Override
        public String format(java.util.logging.LogRecord record) {
            return DbUrl.mask(inner.format(record));
        }
    }

    public List<ChangeSet> pending() {
        if (liquibase == null) {
            return List.of();
        }
        try {
            if (!tableExists(connection, "databasechangelog")) {
                // Liquibase would create its tracking tables just to find that nothing ran; a look must not write
                return changeSets().stream().filter(this::selected).toList();
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot read databasechangelog: " + e.getMessage(), e);
        }
        return quietly(() -> liquibase.listUnrunChangeSets(contexts(), labels()));
    }

    /**
     * The SQL of the pending changeSets, and of their rollbacks in the order {@code rollback(count)} runs them (the
     * last changeSet first), as Liquibase generates it from the parsed changelog; when there are {@code count} of them
     * and each is plain SQL that runs inside its file's transaction: no precondition, no modifySql, not
     * {@code runInTransaction:false}, no new enum label (see {@link FileTransactions}), and a rollback of its own.
     * Otherwise empty: only Liquibase itself can say what it would run.
     */
    public Optional<PlainSql> plainSql(int count) {
        if (liquibase == null) {
            return Optional.empty();
        }
        List<ChangeSet> pending = pending();
        if (pending.size() != count) {
            return Optional.empty();
        }
        return quietly(() -> {
            List<String> forward = new ArrayList<>();
            List<List<String>> backward = new ArrayList<>();
            for (ChangeSet cs : pending) {
                boolean preconditions = cs.getPreconditions() != null
                        && !cs.getPreconditions().getNestedPreconditions().isEmpty();
                if (!cs.isRunInTransaction() || preconditions || !cs.getSqlVisitors().isEmpty()
                        || cs.getRollback().getChanges().isEmpty() || FileTransactions.addsEnumValue(cs, true)
                        || FileTransactions.addsEnumValue(cs, false)) {
                    return Optional.<PlainSql>empty();
                }
                Optional<List<String>> up = sql(cs.getChanges());
                Optional<List<String>> down = sql(cs.getRollback().getChanges());
                if (up.isEmpty() || down.isEmpty()) {
                    return Optional.<PlainSql>empty();
                }
                forward.addAll(up.get());
                backward.add(0, down.get());
            }
            List<String> rollback = new ArrayList<>();
            backward.forEach(rollback::addAll);
            return Optional.of(new PlainSql(forward, rollback));
        });
    }

    /** The statements a migration runs forward, and those its rollback runs. */
    public record PlainSql(List<String> forward, List<String> rollback) {
        public PlainSql {
            forward = List.copyOf(forward);
            rollback = List.copyOf(rollback);
        }
    }

    private static final java.util.regex.Pattern RETURNS_ROWS =
            java.util.regex.Pattern.compile("(?is)\\s*(?:--[^\\n]*\\n\\s*)*\\(*\\s*(?:select|with|values|table|show|explain)\\b");

    private Optional<List<String>> sql(List<Change> changes) {
        List<String> sql = new ArrayList<>();
        for (Change change : changes) {
            if (!(change instanceof AbstractSQLChange)) {
                return Optional.empty();
            }
            for (SqlStatement statement : change.generateStatements(database)) {
                for (Sql generated : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                    if (RETURNS_ROWS.matcher(generated.toSql()).lookingAt()) {
                        return Optional.empty(); // a JDBC batch takes no statement that answers with rows
                    }
                    sql.add(generated.toSql());
                }
            }
        }
        return Optional.of(sql);
    }

    public void update() {
        update(null);
    }

    /**
     * Applies every pending changeSet, each migration file in one transaction with its tracking rows (see
     * {@link FileTransactions}; one that needs more locks than the server has, one changeSet per transaction), telling
     * {@code listener} (may be null) about each changeSet as it runs.
     */
    public void update(ChangeExecListener listener) {
        if (liquibase == null) {
            return;
        }
        inFileTransactions(listener, true, -1, n -> liquibase.update(contexts(), labels()));
    }

    /** As {@link #update(ChangeExecListener)}, for the first {@code count} pending changeSets in changelog order. */
    public void update(int count, ChangeExecListener listener) {
        if (liquibase == null) {
            return;
        }
        inFileTransactions(listener, true, count, n -> liquibase.update(n, contexts(), labels()));
    }

    private interface LiquibaseCall {
        /** Runs for {@code count} changeSets (-1: all pending). */
        void run(int count) throws Exception;
    }

    /**
     * A listener that learns when a file's transaction was rolled back to be run again one changeSet per transaction
     * (more objects than one transaction can lock): the events it had of {@code undone} are void, they come again.
     */
    interface Restarts {
        void restarting(List<ChangeSet> undone);
    }

    /** Where the runner's own lines go (a file split into several transactions); nowhere by default. */
    public LiquibaseRunner notes(java.util.function.Consumer<String> notes) {
        this.notes = notes;
        return this;
    }

    /** True when {@code file} was run one changeSet per transaction, too big for one. */
    public boolean split(String file) {
        return transactions.isSplit(file);
    }

    /** SQLSTATE 53200, out of shared memory: the server's lock table (max_locks_per_transaction) is full. */
    static final String OUT_OF_LOCKS = "53200";

    static boolean outOfLocks(Throwable e) {
        return Causes.first(e, t -> t instanceof SQLException s && OUT_OF_LOCKS.equals(s.getSQLState())).isPresent();
    }

    /**
     * Runs an update ({@code forward}) or a rollback of {@code count} changeSets (-1: all pending) with one
     * transaction per migration file. When it fails, the failing file's transaction is rolled back; if that also undid
     * Liquibase's release of its lock, the lock is released here. When it failed because the file's transaction needs
     * more locks than the server has, the run starts again at that file, which then commits each changeSet with its
     * tracking row.
     */
    private void inFileTransactions(ChangeExecListener listener, boolean forward, int count, LiquibaseCall call) {
        int rowsBefore = count < 0 ? 0 : Applied.read(connection).size();
        int remaining = count;
        while (true) {
            Transactional transactional = new Transactional(transactions, listener);
            liquibase.setChangeExecListener(transactional);
            transactions.begin();
            int n = remaining;
            try {
                quietly(() -> {
                    call.run(n);
                    transactions.finish();
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                transactions.abort();
                releaseOwnLock();
                ChangeSet in = transactional.failing();
                if (in != null && in.isRunInTransaction() && outOfLocks(e) && transactions.split(in.getFilePath())) {
                    quietly(() -> {
                        ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).reset();
                        LockServiceFactory.getInstance().getLockService(database).reset();
                        return null;
                    });
                    if (count >= 0) {
                        int rows = Applied.read(connection).size();
                        remaining = count - (forward ? rows - rowsBefore : rowsBefore - rows);
                    }
                    notes.accept(in.getFilePath() + ": more objects than one transaction can lock"
                            + " (max_locks_per_transaction=" + setting("max_locks_per_transaction") + "): its"
                            + " transaction was rolled back; " + (forward ? "applying" : "reverting") + " it in "
                            + remainingOf(in.getFilePath(), forward) + " transactions, one per changeSet");
                    if (listener instanceof Restarts restarts) {
                        restarts.restarting(transactions.undone());
                    }
                    continue;
                }
                if (in != null && e instanceof MigrateException m && !(e instanceof ChangeSetFailed)) {
                    throw new ChangeSetFailed(m, in.getFilePath(), in.getId(), in.getAuthor());
                }
                throw e;
            }
        }
    }

    /** The changeSets of {@code file} still to apply (forward) or still applied (to revert). */
    private long remainingOf(String file, boolean forward) {
        if (forward) {
            return pending().stream().filter(cs -> cs.getFilePath().equals(file)).count();
        }
        return Applied.read(connection).stream().filter(a -> History.file(a.file()).equals(History.file(file))).count();
    }

    private String setting(String name) {
        try (PreparedStatement st = connection.prepareStatement("select current_setting(?)")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            return "?";
        }
    }

    /** Writes the SQL an update would run, without running it. */
    public void updateSql(Writer out) {
        if (liquibase == null) {
            return;
        }
        quietly(() -> {
            liquibase.update(contexts(), labels(), out);
            return null;
        });
    }

    /** Writes the SQL that would apply the first {@code count} pending changeSets, without running it. */
    public void updateSql(int count, Writer out) {
        if (liquibase == null) {
            return;
        }
        quietly(() -> {
            liquibase.update(count, contexts(), labels(), out);
            return null;
        });
    }

    private Contexts contexts() {
        return changelogs.filter().liquibaseContexts();
    }

    private LabelExpression labels() {
        return changelogs.filter().liquibaseLabels();
    }

    /**
     * True when this run's contexts and labels select the changeSet, and it is for this database and not ignored:
     * the filters Liquibase's update applies before it asks whether a changeSet ran.
     */
    public boolean selected(ChangeSet changeSet) {
        for (ChangeSetFilter filter : List.of(new ContextChangeSetFilter(contexts()), new LabelChangeSetFilter(labels()),
                new DbmsChangeSetFilter(database), new IgnoreChangeSetFilter())) {
            if (!filter.accepts(changeSet).isAccepted()) {
                return false;
            }
        }
        return true;
    }

    /** Every changeSet of the changelogs paired with what DATABASECHANGELOG recorded; reads by SQL only. */
    public History history() {
        return History.pair(listing(), applied());
    }

    /** {@code listing} with every checksum computed, for the cache: see {@link Listed#completed}. */
    public List<Listed> completed(List<Listed> listing) {
        return quietly(() -> Listed.completed(listing));
    }

    /** Every changeSet of the changelogs in order, as history and check read it; parsed without touching the database. */
    public List<Listed> listing() {
        return changeSets().stream().map(cs -> Listed.of(cs, selected(cs))).toList();
    }

    /** True when Liquibase can roll the changeSet back: it has a rollback, or every change inverts itself. */
    public boolean canRollBack(ChangeSet changeSet) {
        return changeSet.supportsRollback(database);
    }

    /** The changes of a changeSet without a rollback that Liquibase cannot invert, by their changelog names. */
    public List<String> irreversible(ChangeSet changeSet) {
        return changeSet.getChanges().stream().filter(c -> !c.supportsRollback(database))
                .map(c -> c.getSerializedObjectName()).distinct().toList();
    }

    /** The changeSets recorded as applied, in the order they ran; empty when Liquibase never ran here. */
    public List<Applied> applied() {
        return Applied.read(connection);
    }

    /** Every changeSet of the changelogs in order, parsed without touching the database. */
    public List<ChangeSet> changeSets() {
        if (liquibase == null) {
            return List.of();
        }
        return quietly(() -> liquibase.getDatabaseChangeLog().getChangeSets());
    }

    /**
     * Records the pending changeSets of the migration files {@code files} ({@link History#file} keys) as run without
     * running them (what Liquibase's changelogSync
     * does), all in one transaction under Liquibase's lock: any number of changeSets in one operation, and a kill
     * leaves either all of them marked or none.
     */
    public int markRan(Set<String> files) {
        requireChangelog();
        LockService lock = LockServiceFactory.getInstance().getLockService(database);
        try {
            return quietly(() -> {
                lock.waitForLock();
                try {
                    DatabaseChangeLog log = liquibase.getDatabaseChangeLog();
                    liquibase.checkLiquibaseTables(false, log, contexts(), labels());
                    Set<String> ran = new HashSet<>();
                    for (RanChangeSet r : database.getRanChangeSetList()) {
                        ran.add(History.key(r.getChangeLog(), r.getId(), r.getAuthor()));
                    }
                    transactions.holdAll();
                    int marked = 0;
                    for (ChangeSet cs : log.getChangeSets()) {
                        if (files.contains(History.file(cs.getFilePath())) && selected(cs)
                                && !ran.contains(History.key(cs.getFilePath(), cs.getId(), cs.getAuthor()))) {
                            database.markChangeSetExecStatus(cs, ChangeSet.ExecType.EXECUTED);
                            marked++;
                        }
                    }
                    transactions.finish();
                    return marked;
                } finally {
                    transactions.abort();
                    lock.releaseLock();
                }
            });
        } catch (RuntimeException e) {
            releaseOwnLock();
            throw e;
        }
    }

    /** How long Liquibase waits for DATABASECHANGELOGLOCK held by another run before it gives up. */
    public LiquibaseRunner lockWait(Duration wait) {
        this.lockWait = wait;
        return this;
    }

    /** Who holds DATABASECHANGELOGLOCK, if anyone; read by SQL, so it creates no table. */
    public Optional<Lock> lock() {
        try {
            if (!tableExists(connection, "databasechangeloglock")) {
                return Optional.empty();
            }
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "select lockedby, to_char(lockgranted, 'YYYY-MM-DD HH24:MI:SS') from databasechangeloglock"
                            + " where locked order by id")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lock(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot read databasechangeloglock: " + e.getMessage(), e);
        }
    }

    /**
     * True when the lock was taken by a jpa-migrate run whose database session is gone: it was killed (or lost its
     * connection) before it could release it. PostgreSQL ends a session whose client died, and rolls back what it had
     * not committed, so nothing is running under that lock.
     */
    public boolean holderGone(Lock lock) {
        Optional<Integer> pid = PidLockGenerator.pid(lock.lockedBy());
        if (pid.isEmpty()) {
            return false; // another Liquibase (Spring Boot at startup, say): we cannot tell, so it is respected
        }
        try (PreparedStatement st = connection.prepareStatement("select count(*) from pg_stat_activity where pid = ?")) {
            st.setInt(1, pid.get());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 0;
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot read pg_stat_activity: " + e.getMessage(), e);
        }
    }

    /** Releases the lock only if it is still exactly the one that was read: never a lock a new run just took. */
    public boolean releaseIfStill(Lock lock) {
        try (PreparedStatement st = connection.prepareStatement("update databasechangeloglock set locked = false,"
                + " lockgranted = null, lockedby = null where id = 1 and locked and lockedby = ?")) {
            st.setString(1, lock.lockedBy());
            int released = st.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return released == 1;
        } catch (SQLException e) {
            throw new MigrateException("cannot release databasechangeloglock: " + e.getMessage(), e);
        }
    }

    /** After a failure whose rollback also undid Liquibase's own release: release the lock this session took. */
    private void releaseOwnLock() {
        try (Statement st = connection.createStatement()) {
            if (!tableExists(connection, "databasechangeloglock")) {
                return;
            }
            st.executeUpdate("update databasechangeloglock set locked = false, lockgranted = null, lockedby = null"
                    + " where id = 1 and locked and lockedby like '%" + PidLockGenerator.MARK + "' || pg_backend_pid()");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException ignored) {
            // the session is broken; the next run sees the lock's holder gone and releases it
        }
    }

    /** Releases DATABASECHANGELOGLOCK whoever holds it (Liquibase releaseLocks). */
    public void releaseLock() {
        if (lock().isEmpty()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("update databasechangeloglock set locked = false, lockgranted = null, lockedby = null");
            if (!connection.getAutoCommit()) {
                connection.commit(); // Liquibase turned auto-commit off on this connection
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot release databasechangeloglock: " + e.getMessage(), e);
        }
    }

    /**
     * A held DATABASECHANGELOGLOCK: Liquibase writes host name and address of the holder, and when it took it (a
     * timestamp without time zone, in the database server's time, shown as stored).
     */
    public record Lock(String lockedBy, String since) {
        public String describe() {
            return "held by " + (lockedBy == null ? "an unknown process" : lockedBy)
                    + (since == null ? "" : " since " + since);
        }

        /** The one line for a lock that did not come free. */
        public Text message() {
            return Text.of("the migration lock (databasechangeloglock) is " + describe() + ": another migration is"
                    + " running, or one was killed before it finished. If none is running, release it with ",
                    Text.command("unlock"));
        }
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('" + table + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public void rollback(int count) {
        rollback(count, null);
    }

    /** Reverts the last {@code count} applied changeSets, telling {@code listener} (may be null) about each. */
    public void rollback(int count, ChangeExecListener listener) {
        requireChangelog();
        inFileTransactions(listener, false, count, n -> liquibase.rollback(n, null, contexts(), labels()));
    }

    public void rollbackSql(int count, Writer out) {
        requireChangelog();
        quietly(() -> {
            liquibase.rollback(count, null, contexts(), labels(), out);
            return null;
        });
    }

    private void requireChangelog() {
        if (liquibase == null) {
            throw new MigrateException("no changelog: " + changelogs.master() + " does not exist");
        }
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private <T> T quietly(Action<T> action) {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        // Minutes, at least 1: Liquibase does not even try once with 0. Our own wait (Lifecycle) comes first, so this
        // only covers a run that took the lock between our look and Liquibase's.
        scope.put(GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getKey(), Math.max(1L, (lockWait.toSeconds() + 59) / 60));
        scope.put(GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getKey(), 1L);
        if (!LIQUIBASE_LOG.isLoggable(Level.INFO)) {
            scope.put(Scope.Attr.logService.name(), new liquibase.logging.core.NoOpLogService());
        }
        try {
            return Scope.child(scope, action::run);
        } catch (Exception e) {
            throw failure("Liquibase failed", e);
        }
    }

    static MigrateException failure(String what, Exception e) {
        ValidationFailedException invalid = find(e, ValidationFailedException.class);
        if (invalid != null && !invalid.getInvalidMD5Sums().isEmpty()) {
            return new MigrateException(Text.of(edited(invalid.getInvalidMD5Sums().get(0)),
                    invalid.getInvalidMD5Sums().size() > 1 ? " (and " + (invalid.getInvalidMD5Sums().size() - 1)
                    + " more changeSet(s))" : ""), e);
        }
        if (invalid != null) {
            return new MigrateException("invalid changelog (nothing was run): " + flatten(invalid), e);
        }
        LockException lock = find(e, LockException.class);
        if (lock != null && String.valueOf(lock.getMessage()).contains("Could not acquire")) {
            return new MigrateException(Text.of("could not get the migration lock (databasechangeloglock): "
                    + flatten(lock).replaceFirst("(?i)^could not acquire change log lock\\.?\\s*", "")
                    + ". If no migration is running, release it with ", Text.command("unlock")), e,
                    MigrateException.Kind.LOCKED);
        }
        ChangeLogParseException parse = find(e, ChangeLogParseException.class);
        SetupException setup = find(e, SetupException.class);
        if (parse != null || setup != null) {
            return new MigrateException("malformed changelog (nothing was run): "
                    + flatten(parse != null ? parse : setup), e);
        }
        return new MigrateException(what + ": " + flatten(e), e);
    }

    /** "file::id::author was: 9:x but is now: 9:y" into words that name the file. */
    private static Text edited(String invalid) {
        String[] parts = invalid.trim().split("::");
        if (parts.length >= 3) {
            String author = parts[2].replaceFirst("\\s+was:.*$", "");
            return Text.of("changeSet " + author + ":" + parts[1] + " in " + parts[0] + " was edited after it was"
                    + " applied (checksum mismatch); nothing was run. Restore the file as it was applied and put the"
                    + " change in a new migration (", Text.command("create"), ")");
        }
        return Text.of("a changeSet was edited after it was applied (checksum mismatch): " + invalid.trim()
                + "; nothing was run");
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        return Causes.first(e, type).orElse(null);
    }

    /** The messages of a cause chain, without repeats, on one line and without passwords. */
    static String flatten(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t : Causes.chain(e)) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && message.indexOf(m.trim()) < 0) {
                if (!message.isEmpty()) {
                    message.append(": ");
                }
                message.append(m.trim());
            }
        }
        String text = message.toString().replaceAll("\\s+", " ")
                .replace("liquibase.exception.", "").replace("org.postgresql.util.PSQLException: ", "");
        return DbUrl.mask(text);
    }

    /** Tells {@link FileTransactions} where changeSets start and fail, and passes every event on. */
    private static final class Transactional implements ChangeExecListener {
        private final FileTransactions transactions;
        private final ChangeExecListener next;
        /** The changeSet between willRun (or willRollback) and ran (or rolledBack), and the one Liquibase failed. */
        private ChangeSet running;
        private ChangeSet failed;

        Transactional(FileTransactions transactions, ChangeExecListener next) {
            this.transactions = transactions;
            this.next = next != null ? next : new liquibase.changelog.visitor.AbstractChangeExecListener() { };
        }

        private void starting(ChangeSet changeSet, boolean forward) {
            try {
                transactions.starting(changeSet, forward);
            } catch (SQLException e) {
                throw new MigrateException("cannot start the transaction of " + changeSet.getFilePath() + ": "
                        + e.getMessage(), e);
            }
        }

        private void done(ChangeSet changeSet) {
            try {
                transactions.done();
            } catch (SQLException e) {
                throw new MigrateException("cannot keep the work of " + changeSet.getFilePath() + ": " + e.getMessage(), e);
            }
        }

        /** The changeSet the run failed in, as Liquibase named it; null when it failed outside any changeSet. */
        ChangeSet failing() {
            return failed != null ? failed : running;
        }

        private void failed() {
            try {
                transactions.failed();
            } catch (SQLException ignored) {
                // a broken session: PostgreSQL rolls the transaction back as the session ends
            }
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.RunStatus status) {
            running = changeSet;
            starting(changeSet, true);
            next.willRun(changeSet, log, database, status);
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.ExecType type) {
            done(changeSet);
            running = null;
            next.ran(changeSet, log, database, type);
        }

        @Override
        public void willRollback(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
            running = changeSet;
            starting(changeSet, false);
            next.willRollback(changeSet, log, database);
        }

        @Override
        public void rolledBack(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
            done(changeSet);
            running = null;
            next.rolledBack(changeSet, log, database);
        }

        @Override
        public void preconditionFailed(liquibase.exception.PreconditionFailedException error,
                                       liquibase.precondition.core.PreconditionContainer.FailOption onFail) {
            next.preconditionFailed(error, onFail);
        }

        @Override
        public void preconditionErrored(liquibase.exception.PreconditionErrorException error,
                                        liquibase.precondition.core.PreconditionContainer.ErrorOption onError) {
            next.preconditionErrored(error, onError);
        }

        @Override
        public void willRun(liquibase.change.Change change, ChangeSet changeSet, DatabaseChangeLog log, Database database) {
            next.willRun(change, changeSet, log, database);
        }

        @Override
        public void ran(liquibase.change.Change change, ChangeSet changeSet, DatabaseChangeLog log, Database database) {
            next.ran(change, changeSet, log, database);
        }

        @Override
        public void runFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception e) {
            this.failed = changeSet;
            failed();
            next.runFailed(changeSet, log, database, e);
        }

        @Override
        public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception e) {
            this.failed = changeSet;
            failed();
            next.rollbackFailed(changeSet, log, database, e);
        }
    }

    @Override
    public void close() {
        // the connection belongs to the caller; Liquibase holds nothing else
    }
}
