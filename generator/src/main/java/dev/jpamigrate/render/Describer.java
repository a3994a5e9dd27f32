package dev.jpamigrate.render;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.change.ColumnChange;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.QualifiedName;

import java.util.ArrayList;
import java.util.List;

/** Says what a change does in plain words, for the console and the changeSet comment. */
public final class Describer {
    private static final Change.Visitor<String> VISITOR = new Change.Visitor<>() {
        @Override
        public String visit(CreateSchema c) {
            return "create schema " + c.name();
        }

        @Override
        public String visit(DropSchema c) {
            return "drop schema " + c.name();
        }

        @Override
        public String visit(CreateExtension c) {
            return "create extension " + c.extension().name() + " in schema " + c.extension().schema();
        }

        @Override
        public String visit(DropExtension c) {
            return "drop extension " + c.extension().name();
        }

        @Override
        public String visit(CreateEnum c) {
            return "create enum type " + c.type().name() + " (" + String.join(", ", c.type().values()) + ")";
        }

        @Override
        public String visit(DropEnum c) {
            return "drop enum type " + c.type().name();
        }

        @Override
        public String visit(AlterEnum c) {
            return alterEnum(c);
        }

        @Override
        public String visit(CreateSequence c) {
            return "create sequence " + c.sequence().name() + " (increment " + c.sequence().increment() + ")";
        }

        @Override
        public String visit(DropSequence c) {
            return "drop sequence " + c.sequence().name();
        }

        @Override
        public String visit(AlterSequence c) {
            return "alter sequence " + c.from().name();
        }

        @Override
        public String visit(SetSequenceOwner c) {
            return c.to() == null
                    ? "release sequence " + c.sequence() + " from " + c.from()
                    : "make sequence " + c.sequence() + " owned by " + c.to();
        }

        @Override
        public String visit(CreateTable c) {
            return "create table " + c.table().name();
        }

        @Override
        public String visit(DropTable c) {
            return "drop table " + c.table().name();
        }

        @Override
        public String visit(AddColumn c) {
            return "add column " + column(c.table(), c.column()) + " " + c.column().type()
                    + (c.column().notNull() ? " not null" : "")
                    + (c.column().defaultExpr() != null ? " default " + c.column().defaultExpr() : "");
        }

        @Override
        public String visit(DropColumn c) {
            return "drop column " + column(c.table(), c.column());
        }

        @Override
        public String visit(AlterColumn c) {
            return "alter column " + column(c.table(), c.to()) + ": " + String.join(", ", alterations(c));
        }

        @Override
        public String visit(AddConstraint c) {
            return "add " + c.constraint().kind().words() + " " + c.constraint().name() + " on "
                    + c.table() + ": " + c.constraint().definition();
        }

        @Override
        public String visit(DropConstraint c) {
            return "drop " + c.constraint().kind().words() + " " + c.constraint().name() + " on " + c.table();
        }

        @Override
        public String visit(RenameTable c) {
            return c.from().schema().equals(c.to().schema()) ? "rename table " + c.from() + " to " + c.to().name()
                    : "move table " + c.from() + " to " + c.to();
        }

        @Override
        public String visit(RenameColumn c) {
            return "rename column " + c.table() + "." + c.from() + " to " + c.to();
        }

        @Override
        public String visit(RenameEnumValue c) {
            return "rename enum value " + c.type() + " '" + c.from() + "' to '" + c.to() + "'";
        }

        @Override
        public String visit(Backfill c) {
            return c.undo() ? "keep the backfilled values of " + c.table() + "." + c.column()
                    : "backfill " + c.table() + "." + c.column() + " = " + c.value() + " where NULL";
        }

        @Override
        public String visit(RenameConstraint c) {
            return "rename constraint " + c.from() + " on " + c.table() + " to " + c.to();
        }

        @Override
        public String visit(CreateIndex c) {
            return "create " + (c.index().unique() ? "unique " : "") + "index " + c.index().name()
                    + " on " + c.table();
        }

        @Override
        public String visit(DropIndex c) {
            return "drop index " + c.index().name() + " on " + c.table();
        }

        @Override
        public String visit(RenameIndex c) {
            return "rename index " + c.from() + " on " + c.table() + " to " + c.to();
        }

        @Override
        public String visit(SetTableComment c) {
            return (c.to() == null ? "remove comment on table " : "set comment on table ") + c.table();
        }
    };

    private Describer() {
    }

    public static String describe(Change change) {
        return change.accept(VISITOR);
    }

    private static String column(QualifiedName table, Column column) {
        return table + "." + column.name();
    }

    private static String alterEnum(AlterEnum c) {
        List<String> added = c.to().stream().filter(v -> !c.from().contains(v)).toList();
        List<String> removed = c.from().stream().filter(v -> !c.to().contains(v)).toList();
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) parts.add("add value " + String.join(", ", added));
        if (!removed.isEmpty()) parts.add("remove value " + String.join(", ", removed));
        if (added.isEmpty() && removed.isEmpty()) parts.add("reorder values to " + String.join(", ", c.to()));
        return "alter enum type " + c.name() + ": " + String.join("; ", parts);
    }

    private static List<String> alterations(AlterColumn c) {
        Column a = c.from();
        Column b = c.to();
        List<String> parts = new ArrayList<>();
        if (c.changes(ColumnChange.TYPE)) parts.add("type " + a.type() + " -> " + b.type());
        if (c.changes(ColumnChange.NOT_NULL)) parts.add(b.notNull() ? "set not null" : "drop not null");
        if (c.changes(ColumnChange.DEFAULT)) {
            parts.add(b.defaultExpr() == null ? "drop default" : "default " + b.defaultExpr());
        }
        if (c.changes(ColumnChange.IDENTITY)) {
            parts.add(b.identity() == null ? "drop identity" : a.identity() == null ? "add identity" : "alter identity");
        }
        if (c.changes(ColumnChange.GENERATED)) parts.add("generation expression");
        if (c.changes(ColumnChange.COMMENT)) parts.add("comment");
        return parts;
    }
}
