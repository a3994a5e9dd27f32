package dev.jpamigrate.render;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.change.ColumnChange;
import dev.jpamigrate.schema.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/** Turns each change into PostgreSQL statements (without the trailing semicolon). */
public final class SqlRenderer {
    private static final Renderer DEFAULT = new Renderer(RenderOptions.DEFAULT);

    private record Renderer(RenderOptions options) implements Change.Visitor<List<String>> {
        @Override
        public List<String> visit(CreateSchema c) {
            return List.of("CREATE SCHEMA " + Sql.ident(c.name()));
        }

        @Override
        public List<String> visit(DropSchema c) {
            return List.of("DROP SCHEMA " + Sql.ident(c.name()));
        }

        @Override
        public List<String> visit(CreateExtension c) {
            // IF NOT EXISTS: where an administrator installed it already, the migration needs no privilege to pass it
            return List.of("CREATE EXTENSION IF NOT EXISTS " + Sql.ident(c.extension().name()) + " WITH SCHEMA "
                    + Sql.ident(c.extension().schema()));
        }

        @Override
        public List<String> visit(DropExtension c) {
            return List.of("DROP EXTENSION " + Sql.ident(c.extension().name()));
        }

        @Override
        public List<String> visit(CreateEnum c) {
            return List.of("CREATE TYPE " + c.type().name().sql() + " AS ENUM (" + literals(c.type().values()) + ")");
        }

        @Override
        public List<String> visit(DropEnum c) {
            return List.of("DROP TYPE " + c.type().name().sql());
        }

        @Override
        public List<String> visit(AlterEnum c) {
            return alterEnum(c);
        }

        @Override
        public List<String> visit(CreateSequence c) {
            return List.of("CREATE SEQUENCE " + c.sequence().name().sql() + sequenceOptions(null, c.sequence()));
        }

        @Override
        public List<String> visit(DropSequence c) {
            return List.of("DROP SEQUENCE " + c.sequence().name().sql());
        }

        @Override
        public List<String> visit(AlterSequence c) {
            return List.of("ALTER SEQUENCE " + c.from().name().sql() + sequenceOptions(c.from(), c.to()));
        }

        @Override
        public List<String> visit(SetSequenceOwner c) {
            return List.of("ALTER SEQUENCE " + c.sequence().sql() + " OWNED BY "
                    + (c.to() == null ? "NONE" : c.to().sql()));
        }

        @Override
        public List<String> visit(CreateTable c) {
            return createTable(c.table());
        }

        @Override
        public List<String> visit(DropTable c) {
            return List.of("DROP TABLE " + c.table().name().sql());
        }

        @Override
        public List<String> visit(AddColumn c) {
            return addColumn(c);
        }

        @Override
        public List<String> visit(DropColumn c) {
            return List.of(alterTable(c.table()) + "DROP COLUMN " + Sql.ident(c.column().name()));
        }

        @Override
        public List<String> visit(AlterColumn c) {
            return alterColumn(c, options);
        }

        @Override
        public List<String> visit(AddConstraint c) {
            return List.of(alterTable(c.table()) + "ADD CONSTRAINT " + Sql.ident(c.constraint().name())
                    + " " + c.constraint().definition());
        }

        @Override
        public List<String> visit(DropConstraint c) {
            return List.of(alterTable(c.table()) + "DROP CONSTRAINT " + Sql.ident(c.constraint().name()));
        }

        @Override
        public List<String> visit(RenameConstraint c) {
            return List.of(alterTable(c.table()) + "RENAME CONSTRAINT " + Sql.ident(c.from())
                    + " TO " + Sql.ident(c.to()));
        }

        @Override
        public List<String> visit(CreateIndex c) {
            return List.of(c.index().definition());
        }

        @Override
        public List<String> visit(DropIndex c) {
            return List.of("DROP INDEX " + new QualifiedName(c.table().schema(), c.index().name()).sql());
        }

        @Override
        public List<String> visit(RenameIndex c) {
            return List.of("ALTER INDEX " + new QualifiedName(c.table().schema(), c.from()).sql()
                    + " RENAME TO " + Sql.ident(c.to()));
        }

        @Override
        public List<String> visit(RenameTable c) {
            List<String> statements = new ArrayList<>();
            QualifiedName at = c.from();
            if (!Objects.equals(c.from().schema(), c.to().schema())) {
                statements.add(alterTable(at) + "SET SCHEMA " + Sql.ident(c.to().schema()));
                at = new QualifiedName(c.to().schema(), c.from().name());
            }
            if (!c.from().name().equals(c.to().name())) {
                statements.add(alterTable(at) + "RENAME TO " + Sql.ident(c.to().name()));
            }
            return statements;
        }

        @Override
        public List<String> visit(RenameColumn c) {
            return List.of(alterTable(c.table()) + "RENAME COLUMN " + Sql.ident(c.from()) + " TO " + Sql.ident(c.to()));
        }

        @Override
        public List<String> visit(RenameEnumValue c) {
            return List.of("ALTER TYPE " + c.type().sql() + " RENAME VALUE " + Sql.literal(c.from()) + " TO "
                    + Sql.literal(c.to()));
        }

        @Override
        public List<String> visit(Backfill c) {
            return c.undo() ? List.of() : List.of("UPDATE " + c.table().sql() + " SET " + Sql.ident(c.column()) + " = "
                    + c.value() + " WHERE " + Sql.ident(c.column()) + " IS NULL");
        }

        @Override
        public List<String> visit(SetTableComment c) {
            return List.of("COMMENT ON TABLE " + c.table().sql() + " IS " + comment(c.to()));
        }
    }

    private SqlRenderer() {
    }

    /** With the default options: date-times converted in UTC. */
    public static List<String> render(Change change) {
        return change.accept(DEFAULT);
    }

    public static List<String> render(Change change, RenderOptions options) {
        return change.accept(new Renderer(options));
    }

    private static String alterTable(QualifiedName table) {
        return "ALTER TABLE " + table.sql() + " ";
    }

    private static String literals(List<String> values) {
        StringJoiner joiner = new StringJoiner(", ");
        values.forEach(v -> joiner.add(Sql.literal(v)));
        return joiner.toString();
    }

    private static String comment(String text) {
        return text == null ? "NULL" : Sql.literal(text);
    }

    private static List<String> createTable(Table table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.name().sql()).append(" (");
        List<String> parts = new ArrayList<>();
        table.columns().forEach(c -> parts.add(columnDefinition(c)));
        table.ownConstraints().forEach(c -> parts.add("CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition()));
        for (int i = 0; i < parts.size(); i++) {
            sql.append("\n    ").append(parts.get(i)).append(i < parts.size() - 1 ? "," : "");
        }
        sql.append("\n)");
        List<String> statements = new ArrayList<>();
        statements.add(sql.toString());
        table.indexes().forEach(i -> statements.add(i.definition()));
        if (table.comment() != null) {
            statements.add("COMMENT ON TABLE " + table.name().sql() + " IS " + comment(table.comment()));
        }
        table.columns().stream().filter(c -> c.comment() != null).forEach(c -> statements.add(columnComment(table.name(), c)));
        return statements;
    }

    private static String columnComment(QualifiedName table, Column column) {
        return "COMMENT ON COLUMN " + table.sql() + "." + Sql.ident(column.name()) + " IS " + comment(column.comment());
    }

    private static String columnDefinition(Column c) {
        StringBuilder sql = new StringBuilder(Sql.ident(c.name())).append(' ').append(c.type());
        if (c.generatedExpr() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(c.generatedExpr()).append(") STORED");
        }
        if (c.defaultExpr() != null) {
            sql.append(" DEFAULT ").append(c.defaultExpr());
        }
        if (c.notNull()) {
            sql.append(" NOT NULL");
        }
        if (c.identity() != null) {
            sql.append(identityClause(c.type(), c.identity()));
        }
        return sql.toString();
    }

    private static String identityClause(String type, Identity identity) {
        String options = identityOptions(type, identity);
        return " GENERATED " + (identity.always() ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY"
                + (options.isEmpty() ? "" : " (" + options.trim() + ")");
    }

    /** Identity options that differ from PostgreSQL's defaults for the column type. */
    private static String identityOptions(String type, Identity id) {
        Sequence defaults = defaults(type, id.increment());
        StringBuilder sb = new StringBuilder();
        if (id.start() != defaults.start()) sb.append(" START WITH ").append(id.start());
        if (id.increment() != 1) sb.append(" INCREMENT BY ").append(id.increment());
        if (id.min() != defaults.min()) sb.append(" MINVALUE ").append(id.min());
        if (id.max() != defaults.max()) sb.append(" MAXVALUE ").append(id.max());
        if (id.cache() != 1) sb.append(" CACHE ").append(id.cache());
        if (id.cycle()) sb.append(" CYCLE");
        return sb.toString();
    }

    /** PostgreSQL's defaults for a sequence of this type and direction. */
    private static Sequence defaults(String type, long increment) {
        long typeMax = switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long typeMin = switch (type) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long min = increment > 0 ? 1 : typeMin;
        long max = increment > 0 ? typeMax : -1;
        return new Sequence(null, type, increment > 0 ? min : max, increment, min, max, 1, false, null);
    }

    /** CREATE (from == null) or ALTER options: on create, the options that differ from the defaults. */
    private static String sequenceOptions(Sequence from, Sequence to) {
        Sequence base = from != null ? from : defaults(to.dataType(), to.increment());
        StringBuilder sb = new StringBuilder();
        if (from == null ? !"bigint".equals(to.dataType()) : !from.dataType().equals(to.dataType())) {
            sb.append(" AS ").append(to.dataType());
        }
        if (from == null || from.start() != to.start()) sb.append(" START WITH ").append(to.start());
        if (from == null || from.increment() != to.increment()) sb.append(" INCREMENT BY ").append(to.increment());
        if (base.min() != to.min()) sb.append(" MINVALUE ").append(to.min());
        if (base.max() != to.max()) sb.append(" MAXVALUE ").append(to.max());
        if (base.cache() != to.cache()) sb.append(" CACHE ").append(to.cache());
        if (base.cycle() != to.cycle()) sb.append(to.cycle() ? " CYCLE" : " NO CYCLE");
        return sb.toString();
    }

    private static List<String> addColumn(AddColumn c) {
        List<String> statements = new ArrayList<>();
        statements.add(alterTable(c.table()) + "ADD COLUMN " + columnDefinition(c.column()));
        if (c.column().comment() != null) {
            statements.add(columnComment(c.table(), c.column()));
        }
        return statements;
    }

    /**
     * The statements of a column change, in the order PostgreSQL needs them. What changed is read from the change's
     * flags; the direction (set or drop, add or remove) from the two columns.
     */
    private static List<String> alterColumn(AlterColumn c, RenderOptions options) {
        Column from = c.from();
        Column to = c.to();
        String prefix = alterTable(c.table()) + "ALTER COLUMN " + Sql.ident(to.name()) + " ";
        List<String> statements = new ArrayList<>();
        boolean identity = c.changes(ColumnChange.IDENTITY);
        if (identity && to.identity() == null) {
            statements.add(prefix + "DROP IDENTITY");
        }
        boolean type = c.typeChanged();
        boolean defaultChanged = c.changes(ColumnChange.DEFAULT);
        // A default of the old type may not cast to the new one, so it goes first and comes back after.
        boolean dropDefault = from.defaultExpr() != null && (type || defaultChanged && to.defaultExpr() == null);
        if (dropDefault) {
            statements.add(prefix + "DROP DEFAULT");
        }
        if (type) {
            statements.add(prefix + "TYPE " + to.type() + using(from, to, options.timeZone()));
        }
        if (to.defaultExpr() != null && (defaultChanged || dropDefault)) {
            statements.add(prefix + "SET DEFAULT " + to.defaultExpr());
        }
        boolean setNotNull = c.setsNotNull();
        if (identity && from.identity() == null) {
            // PostgreSQL adds an identity only to a NOT NULL column, so SET NOT NULL must come first.
            if (setNotNull) {
                statements.add(prefix + "SET NOT NULL");
                setNotNull = false;
            }
            statements.add(prefix + "ADD" + identityClause(to.type(), to.identity()));
        } else if (identity && to.identity() != null) {
            if (from.identity().always() != to.identity().always()) {
                statements.add(prefix + "SET GENERATED " + (to.identity().always() ? "ALWAYS" : "BY DEFAULT"));
            }
            Identity a = from.identity();
            Identity b = to.identity();
            StringBuilder sb = new StringBuilder();
            if (a.start() != b.start()) sb.append(" SET START WITH ").append(b.start());
            if (a.increment() != b.increment()) sb.append(" SET INCREMENT BY ").append(b.increment());
            if (a.min() != b.min()) sb.append(" SET MINVALUE ").append(b.min());
            if (a.max() != b.max()) sb.append(" SET MAXVALUE ").append(b.max());
            if (a.cache() != b.cache()) sb.append(" SET CACHE ").append(b.cache());
            if (a.cycle() != b.cycle()) sb.append(b.cycle() ? " SET CYCLE" : " SET NO CYCLE");
            if (!sb.isEmpty()) {
                statements.add(prefix + sb.toString().trim());
            }
        }
        if (setNotNull) {
            statements.add(prefix + "SET NOT NULL");
        } else if (c.changes(ColumnChange.NOT_NULL) && !to.notNull()) {
            statements.add(prefix + "DROP NOT NULL");
        }
        if (c.changes(ColumnChange.COMMENT)) {
            statements.add(columnComment(c.table(), to));
        }
        return statements;
    }

    /**
     * A USING clause only where PostgreSQL has no assignment cast. Without USING, a value that does not fit fails
     * the migration; an explicit cast would truncate strings silently. Between timestamp (or date) and timestamptz
     * the zone is written out, so the values do not depend on the TimeZone of whoever runs the migration.
     */
    private static String using(Column from, Column to, String timeZone) {
        SqlType a = from.sqlType();
        SqlType b = to.sqlType();
        String column = Sql.ident(to.name());
        if (b instanceof SqlType.EnumRef) {
            return " USING " + column + "::text::" + to.type();
        }
        if (a instanceof SqlType.TimeType x && b instanceof SqlType.TimeType y && zoned(x) != zoned(y)
                && timestamp(x) && timestamp(y)) {
            // timestamp AT TIME ZONE z is the timestamptz of that wall-clock time in z, and the reverse
            return " USING " + column + " AT TIME ZONE " + Sql.literal(timeZone);
        }
        if (a instanceof SqlType.TimeType x && b instanceof SqlType.TimeType y) {
            // a date is midnight of its day in that zone, and a timestamptz falls on the day it is in that zone
            if (x.kind() == SqlType.TimeType.Kind.DATE && zoned(y)) {
                return " USING " + column + "::timestamp AT TIME ZONE " + Sql.literal(timeZone);
            }
            if (zoned(x) && y.kind() == SqlType.TimeType.Kind.DATE) {
                return " USING (" + column + " AT TIME ZONE " + Sql.literal(timeZone) + ")::date";
            }
        }
        if (b instanceof SqlType.StringType || sameFamily(a, b)) {
            return "";
        }
        return " USING " + column + "::" + to.type();
    }

    private static boolean zoned(SqlType.TimeType t) {
        return t.kind() == SqlType.TimeType.Kind.TIMESTAMPTZ;
    }

    private static boolean timestamp(SqlType.TimeType t) {
        return t.kind() == SqlType.TimeType.Kind.TIMESTAMP || t.kind() == SqlType.TimeType.Kind.TIMESTAMPTZ;
    }

    /** Types PostgreSQL converts between with an assignment cast: numbers among numbers, times among times. */
    private static boolean sameFamily(SqlType a, SqlType b) {
        boolean numbers = (a instanceof SqlType.IntegerType || a instanceof SqlType.DecimalType
                || a instanceof SqlType.FloatType) && (b instanceof SqlType.IntegerType
                || b instanceof SqlType.DecimalType || b instanceof SqlType.FloatType);
        return numbers || a instanceof SqlType.TimeType && b instanceof SqlType.TimeType;
    }

    private static List<String> alterEnum(AlterEnum c) {
        List<String> statements = new ArrayList<>();
        String type = c.name().sql();
        if (c.onlyAdds()) {
            List<String> current = new ArrayList<>(c.from());
            for (int i = 0; i < c.to().size(); i++) {
                String value = c.to().get(i);
                if (current.contains(value)) {
                    continue;
                }
                // PostgreSQL 12+ allows ADD VALUE in a transaction; the label is usable once that commits. Each new
                // label is placed next to one that exists by the time it runs: after its predecessor (added just
                // before, or already there); at the front, before the first label the type already has; in a type
                // with no labels, simply added.
                String add = "ALTER TYPE " + type + " ADD VALUE " + Sql.literal(value);
                if (i > 0) {
                    statements.add(add + " AFTER " + Sql.literal(c.to().get(i - 1)));
                } else {
                    statements.add(c.to().stream().filter(current::contains).findFirst()
                            .map(existing -> add + " BEFORE " + Sql.literal(existing)).orElse(add));
                }
                current.add(value);
            }
            return statements;
        }
        // Labels cannot be removed or reordered in place: rebuild the type and convert every column through text.
        String oldName = c.name().name() + "_old";
        statements.add("ALTER TYPE " + type + " RENAME TO " + Sql.ident(oldName));
        statements.add("CREATE TYPE " + type + " AS ENUM (" + literals(c.to()) + ")");
        for (EnumUsage usage : c.usages()) {
            String prefix = alterTable(usage.column().table()) + "ALTER COLUMN " + Sql.ident(usage.column().column()) + " ";
            if (usage.defaultExpr() != null) {
                statements.add(prefix + "DROP DEFAULT");
            }
            String target = type + (usage.array() ? "[]" : "");
            statements.add(prefix + "TYPE " + target + " USING " + Sql.ident(usage.column().column()) + "::text"
                    + (usage.array() ? "[]" : "") + "::" + target);
            if (usage.defaultExpr() != null) {
                statements.add(prefix + "SET DEFAULT " + usage.defaultExpr());
            }
        }
        statements.add("DROP TYPE " + new QualifiedName(c.name().schema(), oldName).sql());
        return statements;
    }
}
