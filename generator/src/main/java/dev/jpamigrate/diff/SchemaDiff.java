package dev.jpamigrate.diff;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.schema.*;

import java.util.*;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The pure diff: from the schema a database has to the schema the entities want, an ordered list of changes.
 * No I/O, no clock; the same input always gives the same list.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    public static List<Change> diff(Schema from, Schema to) {
        List<Change> changes = new ArrayList<>();

        Set<String> fromSchemas = new TreeSet<>(from.schemas());
        Set<String> toSchemas = new TreeSet<>(to.schemas());
        toSchemas.stream().filter(s -> !fromSchemas.contains(s)).forEach(s -> changes.add(new CreateSchema(s)));
        fromSchemas.stream().filter(s -> !toSchemas.contains(s)).forEach(s -> changes.add(new DropSchema(s)));

        diffExtensions(from.extensions(), to.extensions(), changes);

        Set<String> alteredEnums = new HashSet<>();
        match(from.enums(), to.enums(), EnumType::name, (a, b) -> {
            if (a != null && b != null && !a.values().equals(b.values())) {
                alteredEnums.add(a.name().sql());
            }
        });
        // A default that names an enum label must not outlive the label, nor be set before the label exists: when
        // such a column's default changes together with its type's labels, the old default is dropped before the
        // labels change and the new one set after (and the reverse on rollback).
        Map<ColumnRef, Column> defaultsDroppedEarly = new LinkedHashMap<>();
        match(from.tables(), to.tables(), Table::name, (a, b) -> {
            if (a != null && b != null) {
                for (Column x : a.columns()) {
                    b.column(x.name()).ifPresent(y -> {
                        if (x.defaultExpr() != null && !x.defaultExpr().equals(y.defaultExpr())
                                && alteredEnums.contains(x.type().replaceFirst("\\[]$", ""))
                                && Objects.equals(x.generatedExpr(), y.generatedExpr())) {
                            defaultsDroppedEarly.put(new ColumnRef(a.name(), x.name()), x);
                        }
                    });
                }
            }
        });
        defaultsDroppedEarly.forEach((ref, x) -> changes.add(new AlterColumn(ref.table(), x, x.withDefault(null))));
        Schema fromWithoutThoseDefaults = withoutDefaults(from, defaultsDroppedEarly.keySet());

        match(from.enums(), to.enums(), EnumType::name, (a, b) -> {
            if (a == null) {
                changes.add(new CreateEnum(b));
            } else if (b == null) {
                changes.add(new DropEnum(a));
            } else if (!a.values().equals(b.values())) {
                changes.add(new AlterEnum(a.name(), a.values(), b.values(), usages(fromWithoutThoseDefaults, a)));
            }
        });

        match(from.sequences(), to.sequences(), Sequence::name, (a, b) -> {
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
        });

        match(from.tables(), to.tables(), Table::name, (a, b) -> {
            if (a == null) {
                changes.add(new CreateTable(withoutForeignKeys(b)));
                b.foreignKeys().forEach(fk -> changes.add(new AddConstraint(b.name(), fk)));
            } else if (b == null) {
                a.foreignKeys().forEach(fk -> changes.add(new DropConstraint(a.name(), fk)));
                changes.add(new DropTable(withoutForeignKeys(a)));
            } else {
                diffTable(fromWithoutThoseDefaults.table(a.name()).orElseThrow(), b, changes,
                        definition -> mentionsAny(definition, alteredEnums));
            }
        });

        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing(Change::phase)); // stable: keeps name order within a phase
        return List.copyOf(ordered);
    }

    /**
     * Extensions by name, each created after those it requires and dropped before them: the lists come in dependency
     * order and the phase sort is stable. One that moved to another schema is left alone: moving it is a decision about
     * everything that refers to its objects by their qualified names, not something a diff should guess.
     */
    private static void diffExtensions(List<Extension> from, List<Extension> to, List<Change> changes) {
        Set<String> before = new HashSet<>(from.stream().map(Extension::name).toList());
        Set<String> after = new HashSet<>(to.stream().map(Extension::name).toList());
        to.stream().filter(e -> !before.contains(e.name())).forEach(e -> changes.add(new CreateExtension(e)));
        for (int i = from.size() - 1; i >= 0; i--) {
            if (!after.contains(from.get(i).name())) {
                changes.add(new DropExtension(from.get(i)));
            }
        }
    }

    /** The rollback of a list of changes: each change inverted, in reverse order. */
    public static List<Change> inverse(List<Change> changes) {
        List<Change> inverse = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            inverse.add(changes.get(i).inverse());
        }
        return inverse;
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

    /**
     * @param onRebuiltType whether a definition names an enum type whose labels change: PostgreSQL cannot carry such
     *                      a check or index across the type's rebuild, so it is dropped before and created after
     */
    private static void diffTable(Table a, Table b, List<Change> changes, Predicate<String> onRebuiltType) {
        QualifiedName table = a.name();
        match(a.columns(), b.columns(), Column::name, (x, y) -> {
            if (x == null) {
                changes.add(new AddColumn(table, y));
            } else if (y == null) {
                changes.add(new DropColumn(table, x));
            } else if (!Objects.equals(x.generatedExpr(), y.generatedExpr())) {
                // PostgreSQL cannot change a generation expression in place; the values are derived, so nothing is lost.
                changes.add(new DropColumn(table, x));
                changes.add(new AddColumn(table, y));
            } else if (!x.equals(y)) {
                changes.add(new AlterColumn(table, x, y));
            }
        });

        List<Constraint> droppedConstraints = new ArrayList<>();
        List<Constraint> addedConstraints = new ArrayList<>();
        match(a.constraints(), b.constraints(), Constraint::name, (x, y) -> {
            if (x == null) {
                addedConstraints.add(y);
            } else if (y == null) {
                droppedConstraints.add(x);
            } else if (!x.equals(y) || onRebuiltType.test(x.definition())) {
                changes.add(new DropConstraint(table, x));
                changes.add(new AddConstraint(table, y));
            }
        });
        pairRenames(droppedConstraints, addedConstraints, c -> c.kind() + " " + c.definition(), Constraint::name,
                (x, y) -> changes.add(new RenameConstraint(table, x.name(), y.name())));
        droppedConstraints.forEach(c -> changes.add(new DropConstraint(table, c)));
        addedConstraints.forEach(c -> changes.add(new AddConstraint(table, c)));

        List<Index> droppedIndexes = new ArrayList<>();
        List<Index> addedIndexes = new ArrayList<>();
        match(a.indexes(), b.indexes(), Index::name, (x, y) -> {
            if (x == null) {
                addedIndexes.add(y);
            } else if (y == null) {
                droppedIndexes.add(x);
            } else if (!x.equals(y) || onRebuiltType.test(x.definition())) {
                changes.add(new DropIndex(table, x));
                changes.add(new CreateIndex(table, y));
            }
        });
        pairRenames(droppedIndexes, addedIndexes, Index::shape, Index::name,
                (x, y) -> changes.add(new RenameIndex(table, x.name(), y.name())));
        droppedIndexes.forEach(i -> changes.add(new DropIndex(table, i)));
        addedIndexes.forEach(i -> changes.add(new CreateIndex(table, i)));

        if (!Objects.equals(a.comment(), b.comment())) {
            changes.add(new SetTableComment(table, a.comment(), b.comment()));
        }
    }

    /** Removes from both lists the pairs that differ only by name, reporting each as a rename. */
    private static <T> void pairRenames(List<T> dropped, List<T> added, Function<T, String> shape,
                                        Function<T, String> name, java.util.function.BiConsumer<T, T> rename) {
        for (Iterator<T> it = dropped.iterator(); it.hasNext(); ) {
            T old = it.next();
            Optional<T> same = added.stream().filter(n -> shape.apply(n).equals(shape.apply(old))).findFirst();
            if (same.isPresent()) {
                rename.accept(old, same.get());
                added.remove(same.get());
                it.remove();
            }
        }
    }

    private static Schema withoutDefaults(Schema schema, Set<ColumnRef> columns) {
        if (columns.isEmpty()) {
            return schema;
        }
        List<Table> tables = schema.tables().stream().map(t -> new Table(t.name(),
                t.columns().stream().map(c -> columns.contains(new ColumnRef(t.name(), c.name())) ? c.withDefault(null) : c)
                        .toList(), t.constraints(), t.indexes(), t.comment())).toList();
        return schema.withTables(tables);
    }

    private static Table withoutForeignKeys(Table t) {
        return new Table(t.name(), t.columns(), t.ownConstraints(), t.indexes(), t.comment());
    }

    /** The columns that use an enum type, as the database has them before the change. */
    static List<EnumUsage> usages(Schema schema, EnumType type) {
        // The inspector reads with an empty search_path, so format_type qualifies every user type.
        String sqlName = type.name().sql();
        List<EnumUsage> usages = new ArrayList<>();
        for (Table t : schema.tables()) {
            for (Column c : t.columns()) {
                if (c.type().equals(sqlName) || c.type().equals(sqlName + "[]")) {
                    usages.add(new EnumUsage(new ColumnRef(t.name(), c.name()), c.type().endsWith("[]"),
                            c.defaultExpr()));
                }
            }
        }
        return usages;
    }

    /** Calls {@code action} for every key in either list, in key order, with null for the side that lacks it. */
    /** Objects by name; two with one name would be merged silently, so they are an error. */
    static <T, K extends Comparable<? super K>> Map<K, T> byName(List<T> objects, Function<T, K> key) {
        return objects.stream().collect(Collectors.toMap(key, Function.identity(), (x, y) -> {
            throw new dev.jpamigrate.MigrateException("two objects named " + key.apply(x) + " in one schema ("
                    + x.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "s): they cannot be compared by name");
        }, TreeMap::new));
    }

    private static <T, K extends Comparable<? super K>> void match(List<T> from, List<T> to, Function<T, K> key,
                                                                  java.util.function.BiConsumer<T, T> action) {
        Map<K, T> a = byName(from, key);
        Map<K, T> b = byName(to, key);
        TreeSet<K> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (K k : keys) {
            action.accept(a.get(k), b.get(k));
        }
    }
}
