package dev.jpamigrate.diff;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.schema.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Values for the existing rows of a column that becomes NOT NULL without a default ({@code --backfill
 * users.timezone='UTC'}): the column is added nullable, filled, then made NOT NULL, in one migration.
 */
public final class Backfills {
    private Backfills() {
    }

    /** {@code TABLE.COLUMN=SQL}: the value is an SQL expression, e.g. {@code 'UTC'} or {@code now()}. */
    public record Request(String column, String value) {
        public static Request parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1 || text.substring(0, eq).indexOf('.') < 0) {
                throw new MigrateException("--backfill wants TABLE.COLUMN=VALUE, the value in SQL, e.g."
                        + " --backfill \"users.timezone='UTC'\"; got '" + text + "'", null, MigrateException.Kind.USAGE);
            }
            return new Request(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
        }

        public String option() {
            return "--backfill \"" + column + "=" + value + "\"";
        }

        boolean names(Change.AddColumn add) {
            return column.equals(add.table() + "." + add.column().name());
        }

        boolean names(Change.AlterColumn alter) {
            return column.equals(alter.table() + "." + alter.to().name());
        }
    }

    public static List<Change> apply(List<Change> changes, List<Request> requests) {
        List<Change> out = new ArrayList<>();
        List<Request> unused = new ArrayList<>(requests);
        for (Change change : changes) {
            Request r = null;
            if (change instanceof AddColumn add && add.requiresValues()) {
                r = requests.stream().filter(q -> q.names(add)).findFirst().orElse(null);
                if (r != null) {
                    Column c = add.column();
                    Column nullable = new Column(c.name(), c.type(), c.typeCategory(), false, null, null, null, c.comment());
                    out.add(new AddColumn(add.table(), nullable));
                    out.add(new Backfill(add.table(), c.name(), r.value(), false));
                    out.add(new AlterColumn(add.table(), nullable, c));
                }
            } else if (change instanceof AlterColumn alter && alter.setsNotNull()) {
                r = requests.stream().filter(q -> q.names(alter)).findFirst().orElse(null);
                if (r != null) {
                    out.add(new Backfill(alter.table(), alter.from().name(), r.value(), false));
                    out.add(alter);
                }
            }
            if (r == null) {
                out.add(change);
            } else {
                unused.remove(r);
            }
        }
        if (!unused.isEmpty()) {
            throw new MigrateException("cannot " + unused.get(0).option() + ": this migration adds no NOT NULL to "
                    + unused.get(0).column(), null, MigrateException.Kind.USAGE);
        }
        return out;
    }
}
