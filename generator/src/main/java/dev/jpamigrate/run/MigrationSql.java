package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.RollbackImpossibleException;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.ui.LoggerUIService;

import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One migration's SQL both ways, read from the changelogs with no database: Liquibase parses the tree and writes
 * each change's statements for PostgreSQL offline, the forward ones per changeSet and the rollback ones (the
 * changeSet's own, or those Liquibase derives, as for createTable).
 */
public final class MigrationSql {
    private MigrationSql() {
    }

    /** A migration and its changeSets in file order. {@code migration} counts no applied changeSet. */
    public record Shown(Migration migration, List<Step> changeSets) {
        public Shown {
            changeSets = List.copyOf(changeSets);
        }
    }

    /**
     * One changeSet: its forward statements, and its rollback ({@code null} when Liquibase cannot revert it; then
     * {@code irreversible} names the changes it cannot invert).
     */
    public record Step(String author, String id, String comment, boolean runInTransaction, List<String> forward,
                       List<String> rollback, List<String> irreversible) {
        public Step {
            forward = List.copyOf(forward);
            rollback = rollback == null ? null : List.copyOf(rollback);
            irreversible = List.copyOf(irreversible);
        }
    }

    /** The migration {@code ref} names ({@link Revisions}), with its SQL; unknown or ambiguous is exit 2. */
    public static Shown show(Changelogs changelogs, String ref) {
        if (!changelogs.exists()) {
            throw new MigrateException("no changelog: " + changelogs.master() + " does not exist");
        }
        Database database = new PostgresDatabase();
        try {
            database.setConnection(new OfflineConnection("offline:postgresql?outputLiquibaseSql=none",
                    changelogs.resources()));
            List<ChangeSet> changeSets = inScope(() -> new Liquibase(changelogs.masterPath(), changelogs.resources(),
                    database).getDatabaseChangeLog().getChangeSets());
            Map<String, List<ChangeSet>> byFile = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            DbmsChangeSetFilter dbms = new DbmsChangeSetFilter(database);
            for (ChangeSet cs : changeSets) {
                if (!dbms.accepts(cs).isAccepted()) {
                    continue;
                }
                String file = History.file(cs.getFilePath());
                byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(cs);
                if (cs.getChangeLog() != null) {
                    sources.putIfAbsent(file, cs.getChangeLog().getPhysicalFilePath());
                }
            }
            List<Migration> migrations = new ArrayList<>();
            byFile.forEach((file, list) -> migrations.add(Migration.of(file, changelogs.label(file),
                    sources.containsKey(file) ? changelogs.file(sources.get(file)) : null, list.size(), 0, null)));
            Migration m = Revisions.require(migrations, ref, changelogs.master(), "").migration();
            List<Step> steps = new ArrayList<>();
            for (ChangeSet cs : byFile.get(m.file())) {
                steps.add(inScope(() -> step(cs, database)));
            }
            return new Shown(m, steps);
        } catch (FileNotFoundException e) {
            throw new MigrateException("changelog directory " + changelogs.root() + " does not exist");
        }
    }

    private static Step step(ChangeSet cs, Database database) {
        List<String> forward = new ArrayList<>();
        for (Change change : cs.getChanges()) {
            forward.addAll(sql(change.generateStatements(database), database));
        }
        List<String> rollback = new ArrayList<>();
        List<String> irreversible = new ArrayList<>();
        if (cs.getRollback() != null && !cs.getRollback().getChanges().isEmpty()) {
            for (Change change : cs.getRollback().getChanges()) {
                rollback.addAll(sql(change.generateStatements(database), database));
            }
        } else {
            List<Change> changes = new ArrayList<>(cs.getChanges());
            java.util.Collections.reverse(changes); // Liquibase inverts a changeSet's changes last first
            for (Change change : changes) {
                try {
                    if (!change.supportsRollback(database)) {
                        irreversible.add(change.getSerializedObjectName());
                        continue;
                    }
                    rollback.addAll(sql(change.generateRollbackStatements(database), database));
                } catch (RollbackImpossibleException e) {
                    irreversible.add(change.getSerializedObjectName());
                }
            }
        }
        String comment = cs.getComments() == null ? "" : cs.getComments().trim();
        return new Step(cs.getAuthor(), cs.getId(), comment, cs.isRunInTransaction(), forward,
                irreversible.isEmpty() ? rollback : null, irreversible);
    }

    private static List<String> sql(SqlStatement[] statements, Database database) {
        List<String> out = new ArrayList<>();
        for (SqlStatement statement : statements) {
            for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                String text = sql.toSql().trim();
                String end = sql.getEndDelimiter() == null ? ";" : sql.getEndDelimiter();
                out.add(text.endsWith(end) || text.endsWith(";") ? text : text + end);
            }
        }
        return out;
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private static <T> T inScope(Action<T> action) {
        try {
            return Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), action::run);
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw LiquibaseRunner.failure("cannot read the changelogs", e);
        }
    }
}
