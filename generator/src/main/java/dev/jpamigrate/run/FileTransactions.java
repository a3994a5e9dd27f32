package dev.jpamigrate.run;

import liquibase.change.Change;
import liquibase.change.AbstractSQLChange;
import liquibase.changelog.ChangeSet;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes Liquibase apply (or revert) each migration file in one transaction, its tracking rows included.
 *
 * <p>Liquibase commits after every changeSet, so a failure or a kill in the middle of a file would leave the file half
 * applied, and a DDL statement could commit without its DATABASECHANGELOG row. PostgreSQL's DDL is transactional, so
 * Liquibase is handed a connection whose {@code commit()} is deferred while a file runs and committed for real when
 * the next file starts or the run ends. Liquibase's own {@code rollback()} calls (it issues one before every changeSet,
 * after checking preconditions, and one when a changeSet fails) go to a savepoint taken as the changeSet starts, so
 * they undo only what that changeSet did; once a changeSet is done, they do nothing. When a changeSet fails, the
 * whole file's transaction is rolled back.
 *
 * <p>Two exceptions commit part of a file on their own. A changeSet marked {@code runInTransaction:false} (CREATE
 * INDEX CONCURRENTLY cannot run in a transaction block) runs on its own, as Liquibase runs it. A changeSet that adds
 * a label to an existing enum type is a transaction of its own, tracking row included, because PostgreSQL lets no
 * later statement of the same transaction use the new label. In both cases what the file did before is committed
 * first.
 *
 * <p>A file whose transaction would lock more objects than the server's lock table holds (SQLSTATE 53200,
 * max_locks_per_transaction) is rolled back and {@link #split split}: run again, each of its changeSets is then a
 * transaction of its own with its tracking row, so a kill still leaves every committed changeSet recorded.
 */
final class FileTransactions implements InvocationHandler {
    private final Connection real;
    private final Connection proxy;
    /** Inside a file's transaction: commits are deferred. */
    private boolean holding;
    /** The file whose transaction is open, or null to hold everything until {@link #finish()} (stamp). */
    private String file;
    /** Where the running changeSet started; Liquibase's rollback() returns here. */
    private Savepoint savepoint;
    /** Files run one changeSet per transaction: too big for one. */
    private final Set<String> split = new HashSet<>();
    /** The changeSets started in the open transaction, and those the last rollback of it undid. */
    private final List<ChangeSet> held = new ArrayList<>();
    private final List<ChangeSet> undone = new ArrayList<>();

    FileTransactions(Connection real) {
        this.real = real;
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, this);
    }

    /** The connection to hand Liquibase. */
    Connection connection() {
        return proxy;
    }

    /**
     * A changeSet is about to run ({@code forward}) or be rolled back: commit the previous file if it is another
     * one.
     */
    void starting(ChangeSet changeSet, boolean forward) throws SQLException {
        String path = changeSet.getFilePath();
        if (holding && file != null && !file.equals(path)) {
            commitHeld();
        }
        if (!changeSet.isRunInTransaction()) {
            // PostgreSQL cannot run it inside a transaction block: it is a step of its own
            commitHeld();
            return;
        }
        if (split.contains(path) || addsEnumValue(changeSet, forward)) {
            // "New enum values must be committed before they can be used": a later changeSet of the file may set a
            // default to the new label, so this one is a transaction of its own (with its tracking row), and the
            // rest of the file a next one.
            commitHeld();
            holding = true;
            file = path + " #" + changeSet.getId();
        } else if (!holding) {
            holding = true;
            file = path;
        }
        if (savepoint != null) {
            real.releaseSavepoint(savepoint);
        }
        savepoint = real.setSavepoint();
        held.add(changeSet);
    }

    /**
     * From now on every changeSet of {@code file} is a transaction of its own; false when it already was (a single
     * changeSet too big for one transaction cannot be split further).
     */
    boolean split(String file) {
        return split.add(file);
    }

    /** True when {@code file} runs one changeSet per transaction. */
    boolean isSplit(String file) {
        return split.contains(file);
    }

    /** The changeSets whose work the last rollback of a transaction undid (the failing one included). */
    List<ChangeSet> undone() {
        return List.copyOf(undone);
    }

    /** A new attempt starts: nothing undone yet. */
    void begin() {
        undone.clear();
        held.clear();
    }

    /**
     * A changeSet ran (or was rolled back) and its tracking row is written: its work is kept with the file. Liquibase
     * still calls rollback() after this (releasing its lock ends with one); with no savepoint that is a no-op, so the
     * work stays for the file's commit.
     */
    void done() throws SQLException {
        if (holding && savepoint != null) {
            real.releaseSavepoint(savepoint);
            savepoint = null;
        }
    }

    /** Holds every commit until {@link #finish()}: one transaction for the whole operation. */
    void holdAll() {
        holding = true;
        file = null;
        savepoint = null;
    }

    /** A changeSet failed: everything its file did in this transaction is undone. */
    void failed() throws SQLException {
        undo();
        holding = false;
        file = null;
        savepoint = null;
        real.rollback();
    }

    /** The operation ended well: commit what is held. */
    void finish() throws SQLException {
        commitHeld();
    }

    /** The operation ended badly: undo what is held; what earlier files committed stays. */
    void abort() {
        if (holding) {
            undo();
            holding = false;
            file = null;
            savepoint = null;
            try {
                real.rollback();
            } catch (SQLException ignored) {
                // the connection is broken: PostgreSQL rolls the transaction back as the session ends
            }
        }
    }

    private void undo() {
        undone.addAll(held);
        held.clear();
    }

    private void commitHeld() throws SQLException {
        held.clear();
        if (holding) {
            holding = false;
            file = null;
            savepoint = null;
            if (!real.getAutoCommit()) {
                real.commit();
            }
        }
    }

    private static final Pattern ADD_VALUE = Pattern.compile("(?is)\\balter\\s+type\\b[^;]*?\\badd\\s+value\\b");

    /** True when the SQL this changeSet runs in that direction adds a label to an existing enum type. */
    static boolean addsEnumValue(ChangeSet changeSet, boolean forward) {
        List<Change> changes = forward ? changeSet.getChanges() : changeSet.getRollback().getChanges();
        for (Change change : changes) {
            if (change instanceof AbstractSQLChange sql && sql.getSql() != null && ADD_VALUE.matcher(sql.getSql()).find()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object invoke(Object target, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int arity = args == null ? 0 : args.length;
        if (holding && name.equals("commit") && arity == 0) {
            return null; // committed with the rest of the file
        }
        if (holding && name.equals("rollback") && arity == 0) {
            if (savepoint != null) {
                real.rollback(savepoint);
            }
            return null;
        }
        if (holding && name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]) && !real.getAutoCommit()) {
            commitHeld(); // JDBC commits when auto-commit is switched on; say so in our state too
        }
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
