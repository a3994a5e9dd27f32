package dev.jpamigrate.change;

import dev.jpamigrate.schema.*;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One schema change. Every change knows its exact inverse, so a rollback is never diffed on its own: it is the
 * upgrade with each change inverted, in reverse order. Lossy changes carry the whole object they remove.
 */
public sealed interface Change {

    Change inverse();

    /**
     * The kind's stable name, as the JSON report writes it (format version 1). A fixed string per kind, not the class
     * name: renaming a record must not change the public format.
     */
    String kind();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of change: a new kind does not compile until every visitor handles it. */
    interface Visitor<R> {
        R visit(CreateSchema c);

        R visit(DropSchema c);

        R visit(CreateExtension c);

        R visit(DropExtension c);

        R visit(CreateEnum c);

        R visit(DropEnum c);

        R visit(AlterEnum c);

        R visit(CreateSequence c);

        R visit(DropSequence c);

        R visit(AlterSequence c);

        R visit(SetSequenceOwner c);

        R visit(CreateTable c);

        R visit(DropTable c);

        R visit(AddColumn c);

        R visit(DropColumn c);

        R visit(AlterColumn c);

        R visit(AddConstraint c);

        R visit(DropConstraint c);

        R visit(RenameConstraint c);

        R visit(CreateIndex c);

        R visit(DropIndex c);

        R visit(RenameIndex c);

        R visit(SetTableComment c);

        R visit(RenameTable c);

        R visit(RenameColumn c);

        R visit(RenameEnumValue c);

        R visit(Backfill c);
    }

    Phase phase();

    /** Defaults computed per row (PostgreSQL then rewrites the table to fill them in); a constant is stored once. */
    java.util.regex.Pattern VOLATILE = java.util.regex.Pattern.compile(
            "(?i)\\b(nextval|gen_random_uuid|uuid_generate_v[1-5]|random|clock_timestamp|timeofday)\\s*\\(");

    /** What a reviewer should know before running it. */
    default Set<Hazard> hazards() {
        return Set.of();
    }

    /** Creates a schema (namespace). */
    record CreateSchema(String name) implements Change {
        public String kind() { return "CreateSchema"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropSchema(name); }
        public Phase phase() { return Phase.CREATE_SCHEMAS; }
    }

    /** Drops an empty schema. */
    record DropSchema(String name) implements Change {
        public String kind() { return "DropSchema"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new CreateSchema(name); }
        public Phase phase() { return Phase.DROP_SCHEMAS; }
    }

    /** Creates an extension in its schema, after the extensions it requires; a no-op where it already exists. */
    record CreateExtension(Extension extension) implements Change {
        public String kind() { return "CreateExtension"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropExtension(extension); }
        public Phase phase() { return Phase.CREATE_EXTENSIONS; }
    }

    /** Drops an extension that nothing uses any more (PostgreSQL refuses while a column has one of its types). */
    record DropExtension(Extension extension) implements Change {
        public String kind() { return "DropExtension"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new CreateExtension(extension); }
        public Phase phase() { return Phase.DROP_EXTENSIONS; }
    }

    /** Creates an enum type. */
    record CreateEnum(EnumType type) implements Change {
        public String kind() { return "CreateEnum"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropEnum(type); }
        public Phase phase() { return Phase.CREATE_TYPES; }
    }

    /** Drops an enum type that no column uses any more. */
    record DropEnum(EnumType type) implements Change {
        public String kind() { return "DropEnum"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new CreateEnum(type); }
        public Phase phase() { return Phase.DROP_TYPES; }
    }

    /**
     * Changes an enum's labels. Pure additions become ADD VALUE; anything else recreates the type and converts
     * the columns that use it, which are carried here because the recreation needs them.
     */
    record AlterEnum(QualifiedName name, List<String> from, List<String> to, List<EnumUsage> usages) implements Change {
        public String kind() { return "AlterEnum"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public AlterEnum {
            from = List.copyOf(from);
            to = List.copyOf(to);
            usages = List.copyOf(usages);
        }

        public Change inverse() { return new AlterEnum(name, to, from, usages); }
        public Phase phase() { return Phase.CREATE_TYPES; }

        /** True when the new labels are the old ones plus insertions, in the same order. */
        public boolean onlyAdds() {
            int i = 0;
            for (String value : to) {
                if (i < from.size() && from.get(i).equals(value)) {
                    i++;
                }
            }
            return i == from.size();
        }

        public Set<Hazard> hazards() {
            return onlyAdds() ? Set.of()
                    : EnumSet.of(Hazard.VALIDATES_ROWS, Hazard.REWRITES_TABLE, Hazard.LOCKS_TABLE);
        }
    }

    /** A column whose type is an enum, with its default as it stands. */
    record EnumUsage(ColumnRef column, boolean array, String defaultExpr) {
    }

    /** Creates a sequence (ownership is a separate change so it can follow the owning table). */
    record CreateSequence(Sequence sequence) implements Change {
        public String kind() { return "CreateSequence"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropSequence(sequence); }
        public Phase phase() { return Phase.CREATE_SEQUENCES; }
    }

    /** Drops a sequence. */
    record DropSequence(Sequence sequence) implements Change {
        public String kind() { return "DropSequence"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new CreateSequence(sequence); }
        public Phase phase() { return Phase.DROP_SEQUENCES; }
    }

    /** Changes a sequence's options. */
    record AlterSequence(Sequence from, Sequence to) implements Change {
        public String kind() { return "AlterSequence"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new AlterSequence(to, from); }
        public Phase phase() { return Phase.CREATE_SEQUENCES; }
    }

    /** Ties a sequence to a column (OWNED BY), or releases it when {@code to} is null. */
    record SetSequenceOwner(QualifiedName sequence, ColumnRef from, ColumnRef to) implements Change {
        public String kind() { return "SetSequenceOwner"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new SetSequenceOwner(sequence, to, from); }
        public Phase phase() { return to == null ? Phase.RELEASE_SEQUENCES : Phase.OWN_SEQUENCES; }
    }

    /** Creates a table with its own constraints and indexes; foreign keys are separate changes. */
    record CreateTable(Table table) implements Change {
        public String kind() { return "CreateTable"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropTable(table); }
        public Phase phase() { return Phase.CREATE_TABLES; }
    }

    /** Drops a table; it carries the whole table so the rollback can rebuild it. */
    record DropTable(Table table) implements Change {
        public String kind() { return "DropTable"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new CreateTable(table); }
        public Phase phase() { return Phase.DROP_TABLES; }
        public Set<Hazard> hazards() { return EnumSet.of(Hazard.DELETES_DATA, Hazard.ROLLBACK_LOSES_DATA); }
    }

    /** Adds a column. */
    record AddColumn(QualifiedName table, Column column) implements Change {
        public String kind() { return "AddColumn"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropColumn(table, column); }
        public Phase phase() { return Phase.ADD_COLUMNS; }

        public Set<Hazard> hazards() {
            Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
            if (requiresValues()) {
                hazards.add(Hazard.VALIDATES_ROWS);
            }
            if (column.identity() != null || column.generatedExpr() != null
                    || column.defaultExpr() != null && VOLATILE.matcher(column.defaultExpr()).find()) {
                // a value computed per row, unlike a constant default (stored once in the catalog since PG 11)
                hazards.add(Hazard.REWRITES_TABLE);
                hazards.add(Hazard.LOCKS_TABLE);
            }
            return hazards;
        }

        /** NOT NULL with nothing to fill existing rows: fails on a table that has any. */
        public boolean requiresValues() {
            return column.notNull() && column.defaultExpr() == null && column.identity() == null
                    && column.generatedExpr() == null;
        }
    }

    /** Drops a column; it carries the whole column so the rollback can rebuild it. */
    record DropColumn(QualifiedName table, Column column) implements Change {
        public String kind() { return "DropColumn"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new AddColumn(table, column); }
        public Phase phase() { return Phase.DROP_COLUMNS; }
        public Set<Hazard> hazards() { return EnumSet.of(Hazard.DELETES_DATA, Hazard.ROLLBACK_LOSES_DATA); }
    }

    /**
     * Changes a column in place: type, nullability, default, identity or comment. {@code changes} says which, computed
     * once from the two columns; the renderer, the words and the hazards read it.
     */
    record AlterColumn(QualifiedName table, Column from, Column to, Set<ColumnChange> changes) implements Change {
        public String kind() { return "AlterColumn"; }
        public AlterColumn {
            changes = changes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(changes));
        }

        public AlterColumn(QualifiedName table, Column from, Column to) {
            this(table, from, to, ColumnChange.between(from, to));
        }

        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new AlterColumn(table, to, from, changes); }

        /** Dropping a default depends on nothing, so it goes early: before an enum type loses the label it names. */
        public Phase phase() { return onlyDropsDefault() ? Phase.DROP_DEFAULTS : Phase.ALTER_COLUMNS; }

        public boolean changes(ColumnChange what) { return changes.contains(what); }

        public boolean typeChanged() { return changes(ColumnChange.TYPE); }

        /** NOT NULL is set, not dropped. */
        public boolean setsNotNull() { return changes(ColumnChange.NOT_NULL) && to.notNull(); }

        public boolean onlyDropsDefault() {
            return changes.equals(EnumSet.of(ColumnChange.DEFAULT)) && to.defaultExpr() == null;
        }

        public Set<Hazard> hazards() {
            Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
            if (typeChanged()) {
                switch (TypeChange.of(from.sqlType(), to.sqlType())) {
                    case LOSSLESS -> { }
                    case LOSSLESS_REWRITE -> hazards.addAll(EnumSet.of(Hazard.REWRITES_TABLE, Hazard.LOCKS_TABLE));
                    case REINTERPRETS -> hazards.addAll(EnumSet.of(Hazard.REINTERPRETS_TIMES, Hazard.REWRITES_TABLE,
                            Hazard.LOCKS_TABLE));
                    case NARROWS -> hazards.addAll(EnumSet.of(Hazard.DELETES_DATA, Hazard.ROLLBACK_LOSES_DATA,
                            Hazard.REWRITES_TABLE, Hazard.LOCKS_TABLE));
                    case CONVERTING -> hazards.addAll(EnumSet.of(Hazard.CONVERTS_DATA, Hazard.REWRITES_TABLE,
                            Hazard.LOCKS_TABLE));
                }
            }
            if (setsNotNull()) {
                hazards.add(Hazard.VALIDATES_ROWS);
                hazards.add(Hazard.LOCKS_TABLE); // SET NOT NULL scans the table under its ACCESS EXCLUSIVE lock
            }
            return hazards;
        }
    }

    /** Adds a constraint to an existing table. */
    record AddConstraint(QualifiedName table, Constraint constraint) implements Change {
        public String kind() { return "AddConstraint"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropConstraint(table, constraint); }

        public Phase phase() {
            return constraint.kind() == Constraint.Kind.FOREIGN_KEY ? Phase.ADD_FOREIGN_KEYS : Phase.ADD_CONSTRAINTS;
        }

        public Set<Hazard> hazards() {
            // a check scans under ACCESS EXCLUSIVE; a unique or primary key builds its index under it; a foreign key
            // holds SHARE ROW EXCLUSIVE on both tables while it validates
            return constraint.kind() == Constraint.Kind.FOREIGN_KEY ? EnumSet.of(Hazard.VALIDATES_ROWS, Hazard.BLOCKS_WRITES)
                    : EnumSet.of(Hazard.VALIDATES_ROWS, Hazard.LOCKS_TABLE);
        }
    }

    /** Drops a constraint. */
    record DropConstraint(QualifiedName table, Constraint constraint) implements Change {
        public String kind() { return "DropConstraint"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new AddConstraint(table, constraint); }

        public Phase phase() {
            return constraint.kind() == Constraint.Kind.FOREIGN_KEY ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS;
        }
    }

    /** Renames a constraint whose definition is unchanged. */
    record RenameConstraint(QualifiedName table, String from, String to) implements Change {
        public String kind() { return "RenameConstraint"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new RenameConstraint(table, to, from); }
        public Phase phase() { return Phase.RENAMES; }
    }

    /**
     * Renames a table or moves it to another schema, keeping its rows, indexes, constraints and the references to
     * it: a catalog update. Asked for by the user ({@code --rename-table}); the diff never guesses it.
     */
    record RenameTable(QualifiedName from, QualifiedName to) implements Change {
        public String kind() { return "RenameTable"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new RenameTable(to, from); }
        public Phase phase() { return Phase.RENAME_OBJECTS; }
    }

    /** Renames a column, keeping its values ({@code --rename}); the diff never guesses it. */
    record RenameColumn(QualifiedName table, String from, String to) implements Change {
        public String kind() { return "RenameColumn"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new RenameColumn(table, to, from); }
        public Phase phase() { return Phase.RENAME_OBJECTS; }
    }

    /** Renames an enum label in place: every row holding it holds the new label ({@code --rename-value}). */
    record RenameEnumValue(QualifiedName type, String from, String to) implements Change {
        public String kind() { return "RenameEnumValue"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new RenameEnumValue(type, to, from); }
        public Phase phase() { return Phase.RENAME_OBJECTS; }
    }

    /**
     * Fills a column's NULLs with a value the user gave ({@code --backfill}), so a NOT NULL that follows finds none.
     * Its inverse ({@code undo}) does nothing: the rows keep the value, and the column's own inverse (drop, or DROP NOT
     * NULL) restores the schema exactly.
     */
    record Backfill(QualifiedName table, String column, String value, boolean undo) implements Change {
        public String kind() { return "Backfill"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new Backfill(table, column, value, !undo); }
        public Phase phase() { return Phase.ALTER_COLUMNS; }
    }

    /** Creates an index on an existing table. */
    record CreateIndex(QualifiedName table, Index index) implements Change {
        public String kind() { return "CreateIndex"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new DropIndex(table, index); }
        public Phase phase() { return Phase.CREATE_INDEXES; }
        public Set<Hazard> hazards() {
            return index.unique() ? EnumSet.of(Hazard.BLOCKS_WRITES, Hazard.VALIDATES_ROWS) : EnumSet.of(Hazard.BLOCKS_WRITES);
        }
    }

    /** Drops an index. */
    record DropIndex(QualifiedName table, Index index) implements Change {
        public String kind() { return "DropIndex"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new CreateIndex(table, index); }
        public Phase phase() { return Phase.DROP_INDEXES; }
    }

    /** Renames an index whose definition is unchanged. */
    record RenameIndex(QualifiedName table, String from, String to) implements Change {
        public String kind() { return "RenameIndex"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public Change inverse() { return new RenameIndex(table, to, from); }
        public Phase phase() { return Phase.RENAMES; }
    }

    /** Sets or clears a table's comment. */
    record SetTableComment(QualifiedName table, String from, String to) implements Change {
        public String kind() { return "SetTableComment"; }
        public <R> R accept(Visitor<R> v) { return v.visit(this); }
        public SetTableComment {
            if (Objects.equals(from, to)) {
                throw new IllegalArgumentException("comment unchanged");
            }
        }

        public Change inverse() { return new SetTableComment(table, to, from); }
        public Phase phase() { return Phase.COMMENTS; }
    }
}
