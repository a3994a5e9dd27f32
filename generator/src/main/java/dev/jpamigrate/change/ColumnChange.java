package dev.jpamigrate.change;

import dev.jpamigrate.schema.Column;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What differs between two versions of a column. Computed once, when the change is made, and stored on it, so that
 * the SQL, the words and the hazards of an {@link Change.AlterColumn} cannot disagree about what changed. Each flag
 * is symmetric: a change and its inverse carry the same set; the direction is read off the two columns.
 */
public enum ColumnChange {
    /** The type ({@code format_type} text). */
    TYPE,
    /** NOT NULL set or dropped. */
    NOT_NULL,
    /** The default set, changed or dropped. */
    DEFAULT,
    /** The identity added, dropped, or its kind or sequence options changed. */
    IDENTITY,
    /** The generation expression (the diff drops and adds such a column instead: PostgreSQL cannot alter one). */
    GENERATED,
    /** The comment set, changed or cleared. */
    COMMENT;

    /** The flags of what differs between {@code from} and {@code to}. */
    public static Set<ColumnChange> between(Column from, Column to) {
        Set<ColumnChange> flags = EnumSet.noneOf(ColumnChange.class);
        if (!from.type().equals(to.type())) flags.add(TYPE);
        if (from.notNull() != to.notNull()) flags.add(NOT_NULL);
        if (!Objects.equals(from.defaultExpr(), to.defaultExpr())) flags.add(DEFAULT);
        if (!Objects.equals(from.identity(), to.identity())) flags.add(IDENTITY);
        if (!Objects.equals(from.generatedExpr(), to.generatedExpr())) flags.add(GENERATED);
        if (!Objects.equals(from.comment(), to.comment())) flags.add(COMMENT);
        return Collections.unmodifiableSet(flags);
    }
}
