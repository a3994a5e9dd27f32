package dev.jpamigrate.engine;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.change.Change;
import dev.jpamigrate.db.Batch;
import dev.jpamigrate.diff.SchemaDiff;
import dev.jpamigrate.render.ChangelogRenderer;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.schema.Extension;
import dev.jpamigrate.schema.Schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a database's schema, as the inspector read it, on an empty scratch database, so that a migration for that
 * database can be verified from where it really starts rather than from what the changelogs build.
 */
final class SchemaCopy {
    private SchemaCopy() {
    }

    /** The statements, in order: the schema built from nothing, its extensions right after the schemas they go in. */
    static List<String> statements(Schema schema) {
        List<String> sql = new ArrayList<>();
        SchemaDiff.diff(Schema.empty(), schema).forEach(c -> sql.addAll(SqlRenderer.render(c)));
        return sql;
    }

    /** Runs {@link #statements} on {@code c} in one transaction; {@code what} names the database for the error. */
    static void build(Connection c, Schema schema, String what) {
        try {
            c.setAutoCommit(false);
            try {
                Batch.run(c, statements(schema));
            } catch (Batch.Rejected e) {
                c.rollback();
                throw new MigrateException("cannot copy the schema of " + what + " to a scratch database to verify"
                        + " the migration from it (nothing was written): " + e.getMessage().replaceAll("\\s+", " ")
                        + " (statement: " + e.statement() + "); --no-verify skips the verification", e.getCause());
            }
            c.commit();
        } catch (SQLException e) {
            throw new MigrateException("cannot copy the schema of " + what + " to a scratch database: " + e.getMessage(), e);
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closed right after
            }
        }
    }
}
