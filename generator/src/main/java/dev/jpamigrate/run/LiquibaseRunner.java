package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.db.DbUrl;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.io.FileNotFoundException;
import java.io.Writer;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Database database;
    private final Liquibase liquibase;

    public LiquibaseRunner(Connection connection, Changelogs changelogs) {
        this.changelogs = changelogs;
        this.connection = connection;
        try {
            this.database = quietly(() -> DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection)));
            if (changelogs.exists()) {
                this.liquibase = new Liquibase(Changelogs.MASTER, new DirectoryResourceAccessor(changelogs.dir()), database);
                liquibase.setShowSummary(UpdateSummaryEnum.OFF);
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            } else {
                this.liquibase = null; // a project with no migrations yet
            }
        } catch (FileNotFoundException e) {
            throw new MigrateException("changelog directory " + changelogs.dir() + " does not exist");
        }
    }

    /** Library logging (Liquibase, Hibernate: java.util.logging) is shown only with --verbose. */
    public static void verbose(boolean on) {
        Level level = on ? Level.INFO : Level.SEVERE;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(level);
        }
        LIQUIBASE_LOG.setLevel(level);
        Logger.getLogger("org.hibernate").setLevel(on ? Level.WARNING : Level.SEVERE);
    }

    public List<ChangeSet> pending() {
        if (liquibase == null) {
            return List.of();
        }
        return quietly(() -> liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()));
    }

    public void update() {
        if (liquibase == null) {
            return;
        }
        quietly(() -> {
            liquibase.update(new Contexts(), new LabelExpression());
            return null;
        });
    }

    /** Writes the SQL an update would run, without running it. */
    public void updateSql(Writer out) {
        if (liquibase == null) {
            return;
        }
        quietly(() -> {
            liquibase.update(new Contexts(), new LabelExpression(), out);
            return null;
        });
    }

    /** The changeSets recorded as applied, in the order they ran; empty when Liquibase never ran here. */
    public List<Applied> applied() {
        return Applied.read(connection);
    }

    public void rollback(int count) {
        requireChangelog();
        quietly(() -> {
            liquibase.rollback(count, null, new Contexts(), new LabelExpression());
            return null;
        });
    }

    public void rollbackSql(int count, Writer out) {
        requireChangelog();
        quietly(() -> {
            liquibase.rollback(count, null, new Contexts(), new LabelExpression(), out);
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
        Throwable t = e;
        StringBuilder message = new StringBuilder();
        while (t != null) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && message.indexOf(m.trim()) < 0) {
                if (!message.isEmpty()) {
                    message.append(": ");
                }
                message.append(m.trim());
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        String text = message.toString().replaceAll("\\s+", " ")
                .replace("liquibase.exception.", "").replace("org.postgresql.util.PSQLException: ", "");
        return new MigrateException(what + ": " + DbUrl.mask(text), e);
    }

    @Override
    public void close() {
        // the connection belongs to the caller; Liquibase holds nothing else
    }
}
