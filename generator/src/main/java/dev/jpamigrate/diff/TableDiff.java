package dev.jpamigrate.diff;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.ColumnChange;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.diff.ListDiff.Added;
import dev.jpamigrate.diff.ListDiff.Altered;
import dev.jpamigrate.diff.ListDiff.Dropped;
import dev.jpamigrate.schema.*;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/** The diff of one table that both schemas have: its columns, constraints, indexes and comment, each on its own. */
final class TableDiff {
    private TableDiff() {
    }

    /**
     * @param onRebuiltType whether a definition names an enum type whose labels change: PostgreSQL cannot carry such
     *                      a check or index across the type's rebuild, so it is dropped before and created after
     */
    static List<Change> diff(Table a, Table b, Predicate<String> onRebuiltType) {
        QualifiedName table = a.name();
        List<Change> changes = new ArrayList<>(columns(table, ListDiff.of(a.columns(), b.columns(), Column::name)));
        changes.addAll(constraints(table, ListDiff.of(a.constraints(), b.constraints(), Constraint::name,
                (x, y) -> !x.equals(y) || onRebuiltType.test(x.definition()))));
        changes.addAll(indexes(table, ListDiff.of(a.indexes(), b.indexes(), Index::name,
                (x, y) -> !x.equals(y) || onRebuiltType.test(x.definition()))));
        comment(table, a.comment(), b.comment()).ifPresent(changes::add);
        return changes;
    }

    /** Columns by name, in name order. */
    static List<Change> columns(QualifiedName table, ListDiff<Column> diff) {
        List<Change> changes = new ArrayList<>();
        for (ListDiff.Entry<Column> e : diff.entries()) {
            if (e instanceof Added<Column> a) {
                changes.add(new AddColumn(table, a.to()));
            } else if (e instanceof Dropped<Column> d) {
                changes.add(new DropColumn(table, d.from()));
            } else {
                Set<ColumnChange> what = ColumnChange.between(e.from(), e.to());
                if (what.contains(ColumnChange.GENERATED)) {
                    // PostgreSQL cannot change a generation expression in place; the values are derived, so nothing
                    // is lost.
                    changes.add(new DropColumn(table, e.from()));
                    changes.add(new AddColumn(table, e.to()));
                } else {
                    changes.add(new AlterColumn(table, e.from(), e.to(), what));
                }
            }
        }
        return changes;
    }

    /** Constraints by name; one of the same kind and definition under another name is renamed. */
    static List<Change> constraints(QualifiedName table, ListDiff<Constraint> diff) {
        return rebuilt(diff, c -> c.kind() + " " + c.definition(), c -> new DropConstraint(table, c),
                c -> new AddConstraint(table, c), (x, y) -> new RenameConstraint(table, x.name(), y.name()));
    }

    /** Indexes by name; one of the same shape under another name is renamed. */
    static List<Change> indexes(QualifiedName table, ListDiff<Index> diff) {
        return rebuilt(diff, Index::shape, i -> new DropIndex(table, i), i -> new CreateIndex(table, i),
                (x, y) -> new RenameIndex(table, x.name(), y.name()));
    }

    /**
     * Objects that change by being dropped and created again (constraints, indexes): the changed ones first, in name
     * order; then a dropped and an added one of the same shape are one rename; then the drops and the adds.
     */
    private static <T> List<Change> rebuilt(ListDiff<T> diff, Function<T, String> shape, Function<T, Change> drop,
                                            Function<T, Change> add, BiFunction<T, T, Change> rename) {
        List<Change> changes = new ArrayList<>();
        for (Altered<T> a : diff.alters()) {
            changes.add(drop.apply(a.from()));
            changes.add(add.apply(a.to()));
        }
        List<T> dropped = new ArrayList<>(diff.drops());
        List<T> added = new ArrayList<>(diff.adds());
        for (Iterator<T> it = dropped.iterator(); it.hasNext(); ) {
            T old = it.next();
            Optional<T> same = added.stream().filter(n -> shape.apply(n).equals(shape.apply(old))).findFirst();
            if (same.isPresent()) {
                changes.add(rename.apply(old, same.get()));
                added.remove(same.get());
                it.remove();
            }
        }
        dropped.forEach(x -> changes.add(drop.apply(x)));
        added.forEach(x -> changes.add(add.apply(x)));
        return changes;
    }

    /** The table's comment, set or cleared. */
    static Optional<Change> comment(QualifiedName table, String from, String to) {
        return Objects.equals(from, to) ? Optional.empty() : Optional.of(new SetTableComment(table, from, to));
    }
}
