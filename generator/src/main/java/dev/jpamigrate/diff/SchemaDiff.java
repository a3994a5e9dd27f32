package dev.jpamigrate.diff;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.diff.ListDiff.Added;
import dev.jpamigrate.diff.ListDiff.Altered;
import dev.jpamigrate.diff.ListDiff.Dropped;
import dev.jpamigrate.schema.*;

import java.util.*;
import java.util.function.Predicate;

/**
 * The pure diff: from the schema a database has to the schema the entities want, an ordered list of changes.
 * No I/O, no clock; the same input always gives the same list. It is the composition of one small diff per kind of
 * object, each over a {@link ListDiff}; the tables' parts are in {@link TableDiff}.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    public static List<Change> diff(Schema from, Schema to) {
        List<Change> changes = new ArrayList<>();
        changes.addAll(schemas(from.schemas(), to.schemas()));
        changes.addAll(extensions(from.extensions(), to.extensions()));

        ListDiff<EnumType> enums = ListDiff.of(from.enums(), to.enums(), EnumType::name);
        Set<String> relabelled = new HashSet<>();
        enums.alters().forEach(e -> relabelled.add(e.from().name().sql()));
        // An unchanged table can still hold a check or an index that names a relabelled type: it is visited too.
        ListDiff<Table> tables = ListDiff.of(from.tables(), to.tables(), Table::name,
                (a, b) -> !a.equals(b) || !relabelled.isEmpty());

        Map<ColumnRef, Column> early = defaultsDroppedEarly(tables, relabelled);
        early.forEach((ref, x) -> changes.add(new AlterColumn(ref.table(), x, x.withDefault(null))));
        changes.addAll(enums(enums, from.tables(), early.keySet()));
        changes.addAll(sequences(ListDiff.of(from.sequences(), to.sequences(), Sequence::name)));
        changes.addAll(tables(tables, early.keySet(), definition -> mentionsAny(definition, relabelled)));

        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing(Change::phase)); // stable: keeps name order within a phase
        return List.copyOf(ordered);
    }

    /** Schemas (namespaces) by name. */
    static List<Change> schemas(List<String> from, List<String> to) {
        List<Change> changes = new ArrayList<>();
        ListDiff<String> diff = ListDiff.of(from, to, s -> s);
        diff.adds().forEach(s -> changes.add(new CreateSchema(s)));
        diff.drops().forEach(s -> changes.add(new DropSchema(s)));
        return changes;
    }

    /**
     * Extensions by name, each created after those it requires and dropped before them: the lists come in dependency
     * order and the phase sort is stable. One that moved to another schema is left alone: moving it is a decision about
     * everything that refers to its objects by their qualified names, not something a diff should guess.
     */
    static List<Change> extensions(List<Extension> from, List<Extension> to) {
        ListDiff<Extension> diff = ListDiff.of(from, to, Extension::name, (a, b) -> false);
        Set<Extension> added = new HashSet<>(diff.adds());
        Set<Extension> dropped = new HashSet<>(diff.drops());
        List<Change> changes = new ArrayList<>();
        to.stream().filter(added::contains).forEach(e -> changes.add(new CreateExtension(e)));
        for (int i = from.size() - 1; i >= 0; i--) {
            if (dropped.contains(from.get(i))) {
                changes.add(new DropExtension(from.get(i)));
            }
        }
        return changes;
    }

    /**
     * Enum types by name. A relabelled type carries the columns that use it, with their defaults as they stand when
     * it is rebuilt: without those dropped early.
     */
    static List<Change> enums(ListDiff<EnumType> diff, List<Table> oldTables, Set<ColumnRef> defaultsDroppedEarly) {
        List<Change> changes = new ArrayList<>();
        for (ListDiff.Entry<EnumType> e : diff.entries()) {
            if (e instanceof Added<EnumType> a) {
                changes.add(new CreateEnum(a.to()));
            } else if (e instanceof Dropped<EnumType> d) {
                changes.add(new DropEnum(d.from()));
            } else {
                changes.add(new AlterEnum(e.from().name(), e.from().values(), e.to().values(),
                        usages(oldTables, e.from(), defaultsDroppedEarly)));
            }
        }
        return changes;
    }

    /** Sequences by name; their ownership is a change of its own, released early and owned late. */
    static List<Change> sequences(ListDiff<Sequence> diff) {
        List<Change> changes = new ArrayList<>();
        for (ListDiff.Entry<Sequence> e : diff.entries()) {
            Sequence a = e.from();
            Sequence b = e.to();
            if (a == null) {
                changes.add(new CreateSequence(b.withoutOwner()));
            } else if (b == null) {
                changes.add(new DropSequence(a.withoutOwner()));
            } else if (!a.withoutOwner().equals(b.withoutOwner())) {
                changes.add(new AlterSequence(a.withoutOwner(), b.withoutOwner()));
            }
            ColumnRef before = a == null ? null : a.ownedBy();
            ColumnRef after = b == null ? null : b.ownedBy();
            if (!Objects.equals(before, after)) {
                QualifiedName name = (a == null ? b : a).name();
                // Released early and owned late, so an owning table can be dropped or created in between.
                if (before != null) {
                    changes.add(new SetSequenceOwner(name, before, null));
                }
                if (after != null) {
                    changes.add(new SetSequenceOwner(name, null, after));
                }
            }
        }
        return changes;
    }

    /**
     * Tables by name: a new one is created without its foreign keys, which follow once every table exists; a dropped
     * one loses its foreign keys first; a changed one is diffed part by part, without the defaults dropped early.
     */
    static List<Change> tables(ListDiff<Table> diff, Set<ColumnRef> defaultsDroppedEarly,
                               Predicate<String> onRebuiltType) {
        List<Change> changes = new ArrayList<>();
        for (ListDiff.Entry<Table> e : diff.entries()) {
            if (e instanceof Added<Table> a) {
                changes.add(new CreateTable(withoutForeignKeys(a.to())));
                a.to().foreignKeys().forEach(fk -> changes.add(new AddConstraint(a.to().name(), fk)));
            } else if (e instanceof Dropped<Table> d) {
                d.from().foreignKeys().forEach(fk -> changes.add(new DropConstraint(d.from().name(), fk)));
                changes.add(new DropTable(withoutForeignKeys(d.from())));
            } else {
                changes.addAll(TableDiff.diff(withoutDefaults(e.from(), defaultsDroppedEarly), e.to(), onRebuiltType));
            }
        }
        return changes;
    }

    /**
     * A default that names an enum label must not outlive the label, nor be set before the label exists: when such a
     * column's default changes together with its type's labels, the old default is dropped before the labels change
     * and the new one set after (and the reverse on rollback). The columns, with their old default, in table order.
     */
    static Map<ColumnRef, Column> defaultsDroppedEarly(ListDiff<Table> tables, Set<String> relabelled) {
        Map<ColumnRef, Column> early = new LinkedHashMap<>();
        for (Altered<Table> t : tables.alters()) {
            for (Column x : t.from().columns()) {
                t.to().column(x.name()).ifPresent(y -> {
                    if (x.defaultExpr() != null && !x.defaultExpr().equals(y.defaultExpr())
                            && relabelled.contains(x.type().replaceFirst("\\[]$", ""))
                            && Objects.equals(x.generatedExpr(), y.generatedExpr())) {
                        early.put(new ColumnRef(t.from().name(), x.name()), x);
                    }
                });
            }
        }
        return early;
    }

    /** True when an expression casts to one of the types, e.g. {@code 'open'::public.status}. */
    static boolean mentionsAny(String definition, Set<String> types) {
        for (String type : types) {
            int at = definition.indexOf("::" + type);
            while (at >= 0) {
                int end = at + 2 + type.length();
                if (end == definition.length() || !Character.isLetterOrDigit(definition.charAt(end))
                        && definition.charAt(end) != '_' && definition.charAt(end) != '"') {
                    return true;
                }
                at = definition.indexOf("::" + type, end);
            }
        }
        return false;
    }

    private static Table withoutDefaults(Table t, Set<ColumnRef> columns) {
        if (columns.isEmpty()) {
            return t;
        }
        return new Table(t.name(), t.columns().stream()
                .map(c -> columns.contains(new ColumnRef(t.name(), c.name())) ? c.withDefault(null) : c).toList(),
                t.constraints(), t.indexes(), t.comment());
    }

    private static Table withoutForeignKeys(Table t) {
        return new Table(t.name(), t.columns(), t.ownConstraints(), t.indexes(), t.comment());
    }

    /** The columns that use an enum type, as the database has them when the type is rebuilt. */
    static List<EnumUsage> usages(List<Table> tables, EnumType type, Set<ColumnRef> defaultsDroppedEarly) {
        // The inspector reads with an empty search_path, so format_type qualifies every user type.
        String sqlName = type.name().sql();
        List<EnumUsage> usages = new ArrayList<>();
        for (Table t : tables) {
            for (Column c : t.columns()) {
                if (c.type().equals(sqlName) || c.type().equals(sqlName + "[]")) {
                    ColumnRef ref = new ColumnRef(t.name(), c.name());
                    usages.add(new EnumUsage(ref, c.type().endsWith("[]"),
                            defaultsDroppedEarly.contains(ref) ? null : c.defaultExpr()));
                }
            }
        }
        return usages;
    }
}
