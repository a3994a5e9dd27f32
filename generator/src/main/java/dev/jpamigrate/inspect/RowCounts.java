package dev.jpamigrate.inspect;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.change.TypeChange;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.schema.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a change would do to the rows a database holds now, counted read-only: the values a drop deletes, the values a
 * narrowing cuts, the rows a new NOT NULL rejects. Each count stops at {@link #LIMIT} rows, so a huge table costs no
 * more than reading that many; it runs in a read-only transaction with a statement timeout.
 */
public final class RowCounts {
    /** Counting stops here: "more than 100,000" says enough. */
    static final long LIMIT = 100_000;

    private RowCounts() {
    }

    /** One count: how many rows, and what they mean for this change. */
    public record Count(long rows, String words, boolean fails) {
        public String describe() {
            String n = rows > LIMIT ? "more than " + String.format(Locale.ROOT, "%,d", LIMIT)
                    : String.format(Locale.ROOT, "%,d", rows);
            return n + " " + words;
        }
    }

    /** The counts for the changes that touch existing rows; changes with nothing to count are absent. */
    public static Map<Change, Count> of(List<Change> changes, Connection c, Consumer<String> log) {
        Map<Change, Count> counts = new LinkedHashMap<>();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                readOnly(st);
                for (Change change : changes) {
                    String query = query(change);
                    if (query == null) {
                        continue;
                    }
                    try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(query)) {
                        rs.next();
                        long rows = rs.getLong(1);
                        if (rows > 0) {
                            counts.put(change, new Count(rows, words(change), fails(change)));
                        }
                    } catch (SQLException e) {
                        log.accept("cannot count the rows " + change + " touches: " + e.getMessage());
                        c.rollback();
                        readOnly(st);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            log.accept("cannot count rows: " + e.getMessage());
        }
        return counts;
    }

    private static void readOnly(Statement st) throws SQLException {
        st.execute("SET TRANSACTION READ ONLY");
        st.execute("SET LOCAL statement_timeout = '10s'");
    }

    /** NOT NULL without values for the existing rows: the migration fails on them. */
    private static boolean fails(Change change) {
        return change instanceof AddColumn || change instanceof AlterColumn alter && alter.setsNotNull();
    }

    private static String limited(QualifiedName table, String where) {
        return "select count(*) from (select 1 from " + table.sql() + (where == null ? "" : " where " + where)
                + " limit " + (LIMIT + 1) + ") rows";
    }

    /** The count for a change, or null when it touches no existing value. */
    static String query(Change change) {
        if (change instanceof DropTable drop) {
            return limited(drop.table().name(), null);
        }
        if (change instanceof DropColumn drop) {
            return limited(drop.table(), Sql.ident(drop.column().name()) + " is not null");
        }
        if (change instanceof AddColumn add && add.requiresValues()) {
            return limited(add.table(), null);
        }
        if (change instanceof AlterColumn alter) {
            Column from = alter.from();
            Column to = alter.to();
            String column = Sql.ident(from.name());
            if (alter.setsNotNull()) {
                return limited(alter.table(), column + " is null");
            }
            if (alter.typeChanged() && TypeChange.of(from.sqlType(), to.sqlType()) == TypeChange.NARROWS) {
                // the values a round trip through the new type changes: exactly the ones it cuts or rounds
                return limited(alter.table(), column + " is distinct from " + column + "::" + to.type() + "::" + from.type());
            }
        }
        return null;
    }

    private static String words(Change change) {
        if (change instanceof DropTable) {
            return "rows would be deleted";
        }
        if (change instanceof DropColumn) {
            return "rows hold values that would be deleted";
        }
        if (change instanceof AddColumn) {
            return "existing rows would fail: the column is NOT NULL without a default";
        }
        if (change instanceof AlterColumn alter && alter.setsNotNull()) {
            return "rows are NULL and would fail the new NOT NULL";
        }
        return "values would be cut or rounded by " + ((AlterColumn) change).from().type() + " -> "
                + ((AlterColumn) change).to().type();
    }
}
