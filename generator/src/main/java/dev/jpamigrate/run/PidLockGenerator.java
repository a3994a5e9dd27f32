package dev.jpamigrate.run;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;
import liquibase.statement.core.LockDatabaseChangeLogStatement;
import liquibase.util.NetUtil;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes DATABASECHANGELOGLOCK the way Liquibase does, and writes the holder's backend PID into LOCKEDBY in the same
 * statement, so a lock left by a killed run can be told from a live one: its backend is gone from pg_stat_activity.
 * Registered through META-INF/services, with a priority above Liquibase's own generator; other Liquibase runs (Spring
 * Boot at startup) write their usual value, which is respected as always.
 */
public final class PidLockGenerator extends AbstractSqlGenerator<LockDatabaseChangeLogStatement> {
    static final String MARK = "jpa-migrate backend pid ";
    private static final Pattern PID = Pattern.compile(Pattern.quote(MARK) + "(\\d+)");
    private static final String HOST = host();

    private static String host() {
        try {
            return NetUtil.getLocalHostName() + " (" + NetUtil.getLocalHostAddress() + ")";
        } catch (Exception e) {
            return "unknown host";
        }
    }

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 1;
    }

    @Override
    public boolean supports(LockDatabaseChangeLogStatement statement, Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public ValidationErrors validate(LockDatabaseChangeLogStatement statement, Database database,
                                     SqlGeneratorChain<LockDatabaseChangeLogStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(LockDatabaseChangeLogStatement statement, Database database,
                             SqlGeneratorChain<LockDatabaseChangeLogStatement> chain) {
        String table = database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(),
                database.getDatabaseChangeLogLockTableName());
        String holder = (HOST + " " + MARK).replace("'", "''");
        return new Sql[]{new UnparsedSql("UPDATE " + table + " SET LOCKED = TRUE, LOCKGRANTED = NOW(), LOCKEDBY = '"
                + holder + "' || pg_backend_pid() WHERE ID = 1 AND LOCKED = FALSE")};
    }

    /** The backend PID a lock holder recorded, when jpa-migrate took the lock. */
    static Optional<Integer> pid(String lockedBy) {
        if (lockedBy == null) {
            return Optional.empty();
        }
        Matcher m = PID.matcher(lockedBy);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
