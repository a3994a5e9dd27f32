package dev.jpamigrate.report;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.Constraint;
import dev.jpamigrate.schema.Index;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.schema.Schema;
import dev.jpamigrate.schema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mermaid {@code erDiagram} text of tables: one entity per table with its columns (type, PK/FK/UK), one relationship
 * per foreign key, and for a migration or a drift a comment on each column it changes. Pure: no I/O.
 *
 * <p>Mermaid's grammar shapes the output. An attribute's type and name are single words of letters, digits and
 * {@code _} (older renderers, GitHub's among them, refuse parentheses and spaces), so {@code character varying(64)}
 * is written {@code varchar_64_}; a column named like a key word ({@code pk}, {@code fk}, {@code uk}) gets a
 * trailing {@code _}. An entity is a bare word when its table is in {@code public} and its name is a plain
 * identifier that is not one of erDiagram's words ({@code one}, {@code many}, {@code to}, {@code end}...), otherwise
 * a quoted {@code "schema.name"}. A comment is a double-quoted string without double quotes.
 *
 * <p>Cardinalities, read from the child's foreign key: the parent end is exactly one when every key column is NOT
 * NULL, else zero or one; the child end is zero or one when the key columns are unique (primary key, unique
 * constraint or unique index), else zero or many. The line is solid (identifying) when the key columns belong to the
 * child's primary key. A pure join table (its columns are exactly two foreign keys) that nothing changed is drawn as
 * one many-to-many line between the tables it joins.
 */
public final class ErDiagram {
    /** At most this many tables in a diagram of changes: the touched ones first, then their neighbours. */
    public static final int CAP = 30;

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words erDiagram reads as syntax where an entity name stands (its lexer matches them case-insensitively). */
    private static final Set<String> RESERVED = Set.of("erdiagram", "one", "many", "only", "zero", "to",
            "optionally", "u", "o", "end", "style", "class", "classdef", "subgraph", "direction", "acctitle",
            "accdescr", "title");
    private static final Set<String> KEY_WORDS = Set.of("pk", "fk", "uk");
    private static final Pattern INDEX_COLUMNS = Pattern.compile(" USING \\w+ \\((.*)\\)(?: INCLUDE \\(.*\\))?$");

    private ErDiagram() {
    }

    /**
     * The diagram and how many tables it left out to stay readable ({@code drawn} counts the entities, a collapsed
     * join table not among them).
     */
    public record Diagram(String text, int drawn, int omitted) {
        /** The diagram in a Markdown code block that GitHub renders as a picture. */
        public String fenced() {
            return "```mermaid\n" + text + "```\n";
        }
    }

    /**
     * The Markdown for the tables {@code changes} touch: a mermaid code block, and a line when tables were left out;
     * nothing when no table is touched. {@code what} names the changes ("the drift", "the migration").
     */
    public static String markdown(Schema after, List<Change> changes, String what) {
        return markdown(ofChanges(after, changes, CAP), what);
    }

    static String markdown(Diagram d, String what) {
        if (d.drawn() == 0) {
            return "";
        }
        return "\n" + d.fenced() + (d.omitted() == 0 ? "" : "\n" + d.drawn() + " tables drawn, those " + what
                + " touches first; " + d.omitted() + " more left out to keep the picture readable.\n");
    }

    /** Every table of {@code schema} that {@code include} selects, with its columns and foreign keys. */
    public static Diagram of(Schema schema, Predicate<QualifiedName> include) {
        Model m = new Model(schema);
        Set<QualifiedName> chosen = new TreeSet<>();
        schema.tables().stream().map(Table::name).filter(include).forEach(chosen::add);
        return m.draw(chosen, Set.of(), false, 0);
    }

    /**
     * The tables {@code changes} touch, drawn from {@code after} (the schema the changes lead to; a table they drop
     * comes from the change), each changed column commented ("added", "dropped", "changed: varchar(64) ->
     * varchar(120)"...), and their direct foreign-key neighbours without columns as context. At most {@code cap}
     * tables, the touched ones first.
     */
    public static Diagram ofChanges(Schema after, List<Change> changes, int cap) {
        Model m = new Model(after == null ? Schema.empty() : after);
        for (Change c : changes) {
            c.accept(m.marker);
        }
        Set<QualifiedName> focus = new TreeSet<>(m.touched);
        Set<QualifiedName> drawn = new TreeSet<>();
        int omitted = 0;
        for (QualifiedName t : focus) {
            if (drawn.size() < cap) {
                drawn.add(t);
            } else {
                omitted++;
            }
        }
        Set<QualifiedName> neighbours = new TreeSet<>();
        for (QualifiedName t : drawn) {
            if (!m.droppedTables.contains(t)) {
                neighbours.addAll(m.neighbours(t));
            }
        }
        neighbours.removeAll(focus); // a touched table left out is counted once, above
        for (QualifiedName n : neighbours) {
            if (drawn.size() < cap) {
                drawn.add(n);
            } else {
                omitted++;
            }
        }
        Set<QualifiedName> context = new TreeSet<>(drawn);
        context.removeAll(focus);
        Set<QualifiedName> shown = new TreeSet<>(drawn);
        shown.retainAll(focus);
        return m.draw(shown, context, true, omitted);
    }

    /** The tables, their column markers, and how to draw them. */
    private static final class Model {
        final Map<QualifiedName, Table> tables = new TreeMap<>();
        final Set<QualifiedName> touched = new LinkedHashSet<>();
        final Set<QualifiedName> droppedTables = new HashSet<>();
        /** Columns the changes name, per table, with their comments; LinkedHashMaps keep the changes' order. */
        final Map<QualifiedName, Map<String, List<String>>> marks = new TreeMap<>();
        /** Columns known only from the changes: dropped ones, and those of a table {@code after} lacks. */
        final Map<QualifiedName, Map<String, Column>> extra = new TreeMap<>();

        Model(Schema schema) {
            schema.tables().forEach(t -> tables.put(t.name(), t));
        }

        void mark(QualifiedName table, String column, String words) {
            touched.add(table);
            List<String> list = marks.computeIfAbsent(table, k -> new LinkedHashMap<>())
                    .computeIfAbsent(column, k -> new ArrayList<>());
            // a new (or dropped) column needs no word about the constraints and indexes that come and go with it
            if (words.equals("added") || words.equals("dropped")) {
                list.removeIf(w -> w.startsWith(words + ":"));
            }
            if (!list.contains(words) && !list.contains("added") && !list.contains("dropped")) {
                list.add(words);
            }
        }

        void known(QualifiedName table, Column column) {
            extra.computeIfAbsent(table, k -> new LinkedHashMap<>()).putIfAbsent(column.name(), column);
        }

        /** Columns a constraint or an index on a table names; those of an expression index are not known. */
        List<String> indexColumns(Index index) {
            if (index.definition().contains(" WHERE ")) {
                return List.of();
            }
            Matcher m = INDEX_COLUMNS.matcher(index.definition());
            if (!m.find()) {
                return List.of();
            }
            List<String> columns = new ArrayList<>();
            for (String part : m.group(1).split(", ")) {
                String p = part.trim();
                if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) {
                    columns.add(p.substring(1, p.length() - 1).replace("\"\"", "\""));
                } else if (WORD.matcher(p).matches()) {
                    columns.add(p);
                } else {
                    return List.of();
                }
            }
            return columns;
        }

        final Change.Visitor<Void> marker = new Change.Visitor<>() {
            public Void visit(CreateSchema c) { return null; }
            public Void visit(DropSchema c) { return null; }
            public Void visit(CreateExtension c) { return null; }
            public Void visit(DropExtension c) { return null; }
            public Void visit(CreateEnum c) { return null; }
            public Void visit(DropEnum c) { return null; }
            public Void visit(CreateSequence c) { return null; }
            public Void visit(DropSequence c) { return null; }
            public Void visit(AlterSequence c) { return null; }
            public Void visit(SetSequenceOwner c) { return null; }

            public Void visit(AlterEnum c) {
                for (EnumUsage u : c.usages()) {
                    mark(u.column().table(), u.column().column(), "changed: enum values");
                }
                return null;
            }

            public Void visit(RenameEnumValue c) {
                for (Table t : tables.values()) {
                    for (Column col : t.columns()) {
                        String type = col.type().replace("[]", "").replace("\"", "");
                        if (type.equals(c.type().name()) || type.equals(c.type().schema() + "." + c.type().name())) {
                            mark(t.name(), col.name(), "changed: enum value " + c.from() + " renamed " + c.to());
                        }
                    }
                }
                return null;
            }

            public Void visit(CreateTable c) {
                tables.putIfAbsent(c.table().name(), c.table());
                touched.add(c.table().name());
                c.table().columns().forEach(col -> mark(c.table().name(), col.name(), "added"));
                return null;
            }

            public Void visit(DropTable c) {
                QualifiedName name = c.table().name();
                if (!tables.containsKey(name)) {
                    tables.put(name, c.table());
                    droppedTables.add(name);
                }
                touched.add(name);
                c.table().columns().forEach(col -> mark(name, col.name(), "dropped"));
                return null;
            }

            public Void visit(AddColumn c) {
                known(c.table(), c.column());
                mark(c.table(), c.column().name(), "added");
                return null;
            }

            public Void visit(DropColumn c) {
                known(c.table(), c.column());
                mark(c.table(), c.column().name(), "dropped");
                return null;
            }

            public Void visit(AlterColumn c) {
                known(c.table(), c.to());
                mark(c.table(), c.to().name(), "changed: " + String.join(", ", alterations(c.from(), c.to())));
                return null;
            }

            public Void visit(AddConstraint c) {
                touched.add(c.table());
                c.constraint().columns().forEach(col -> mark(c.table(), col, "added: " + c.constraint().kind().words()));
                return null;
            }

            public Void visit(DropConstraint c) {
                touched.add(c.table());
                c.constraint().columns().forEach(col -> mark(c.table(), col, "dropped: " + c.constraint().kind().words()));
                return null;
            }

            public Void visit(RenameConstraint c) {
                touched.add(c.table());
                return null;
            }

            public Void visit(CreateIndex c) {
                touched.add(c.table());
                String words = "added: " + (c.index().unique() ? "unique index" : "index");
                indexColumns(c.index()).forEach(col -> mark(c.table(), col, words));
                return null;
            }

            public Void visit(DropIndex c) {
                touched.add(c.table());
                String words = "dropped: " + (c.index().unique() ? "unique index" : "index");
                indexColumns(c.index()).forEach(col -> mark(c.table(), col, words));
                return null;
            }

            public Void visit(RenameIndex c) {
                touched.add(c.table());
                return null;
            }

            public Void visit(SetTableComment c) {
                touched.add(c.table());
                return null;
            }

            public Void visit(RenameTable c) {
                touched.add(c.to());
                return null;
            }

            public Void visit(RenameColumn c) {
                mark(c.table(), c.to(), "renamed from " + c.from());
                return null;
            }

            public Void visit(Backfill c) {
                if (!c.undo()) {
                    mark(c.table(), c.column(), "backfilled");
                }
                return null;
            }
        };

        /** The tables {@code table} references and those that reference it; a join table stands for its far end. */
        Set<QualifiedName> neighbours(QualifiedName table) {
            Set<QualifiedName> out = new TreeSet<>();
            Table t = tables.get(table);
            if (t != null) {
                t.foreignKeys().stream().map(Constraint::references).filter(tables::containsKey).forEach(out::add);
            }
            for (Table other : tables.values()) {
                if (droppedTables.contains(other.name()) || other.name().equals(table)) {
                    continue;
                }
                boolean refers = other.foreignKeys().stream().anyMatch(fk -> table.equals(fk.references()));
                if (!refers) {
                    continue;
                }
                List<QualifiedName> ends = joinEnds(other);
                if (ends != null && !touched.contains(other.name())) {
                    QualifiedName far = ends.get(0).equals(table) ? ends.get(1) : ends.get(0);
                    if (tables.containsKey(far)) {
                        out.add(far);
                    }
                } else {
                    out.add(other.name());
                }
            }
            out.remove(table);
            return out;
        }

        /** The two tables a pure join table joins (its columns are exactly two disjoint foreign keys), else null. */
        List<QualifiedName> joinEnds(Table t) {
            List<Constraint> fks = t.foreignKeys();
            if (fks.size() != 2 || fks.get(0).references() == null || fks.get(1).references() == null) {
                return null;
            }
            Set<String> a = new HashSet<>(fks.get(0).columns());
            Set<String> b = new HashSet<>(fks.get(1).columns());
            Set<String> all = new HashSet<>();
            t.columns().forEach(c -> all.add(c.name()));
            Set<String> union = new HashSet<>(a);
            union.addAll(b);
            if (a.stream().anyMatch(b::contains) || !union.equals(all)) {
                return null;
            }
            return List.of(fks.get(0).references(), fks.get(1).references());
        }

        /**
         * {@code shown}: entities with columns; {@code context}: entities by name only. With {@code focused}, a
         * relationship is drawn only when one of its ends is shown.
         */
        Diagram draw(Set<QualifiedName> shown, Set<QualifiedName> context, boolean focused, int omitted) {
            Set<QualifiedName> drawn = new TreeSet<>(shown);
            drawn.addAll(context);
            // pure join tables nobody changed become one many-to-many line when both of their ends are drawn
            Map<QualifiedName, List<QualifiedName>> collapsed = new TreeMap<>();
            for (Table t : tables.values()) {
                List<QualifiedName> ends = joinEnds(t);
                if (ends != null && !touched.contains(t.name()) && !droppedTables.contains(t.name())
                        && drawn.containsAll(ends) && (focused || drawn.contains(t.name()))
                        && (!focused || shown.contains(ends.get(0)) || shown.contains(ends.get(1)))) {
                    collapsed.put(t.name(), ends);
                }
            }
            drawn.removeAll(collapsed.keySet());
            StringBuilder out = new StringBuilder("erDiagram\n");
            for (QualifiedName name : drawn) {
                if (shown.contains(name) && !collapsed.containsKey(name)) {
                    entity(out, name);
                } else if (context.contains(name)) {
                    out.append("    ").append(entityName(name)).append('\n');
                }
            }
            for (QualifiedName child : drawn) {
                Table t = tables.get(child);
                if (t == null || droppedTables.contains(child)) {
                    continue;
                }
                List<Constraint> fks = t.foreignKeys().stream()
                        .sorted(java.util.Comparator.comparing(Constraint::name)).toList();
                for (Constraint fk : fks) {
                    QualifiedName parent = fk.references();
                    if (parent == null || !drawn.contains(parent)
                            || focused && !shown.contains(child) && !shown.contains(parent)) {
                        continue;
                    }
                    out.append("    ").append(entityName(parent)).append(' ')
                            .append(notNull(t, fk.columns()) ? "||" : "|o")
                            .append(identifying(t, fk.columns()) ? "--" : "..")
                            .append(unique(t, fk.columns()) ? "o|" : "o{")
                            .append(' ').append(entityName(child)).append(" : ")
                            .append(quoted(String.join(", ", fk.columns()))).append('\n');
                }
            }
            collapsed.forEach((join, ends) -> out.append("    ").append(entityName(ends.get(0))).append(" }o..o{ ")
                    .append(entityName(ends.get(1))).append(" : ").append(quoted(join.toString())).append('\n'));
            return new Diagram(out.toString(), drawn.size(), omitted);
        }

        private void entity(StringBuilder out, QualifiedName name) {
            Table t = tables.get(name);
            Map<String, Column> columns = new LinkedHashMap<>();
            if (t != null) {
                // the primary key first, then the table's order (Hibernate's, for the entities)
                t.columns().stream().filter(c -> keys(t, c.name()).contains("PK")).forEach(c -> columns.put(c.name(), c));
                t.columns().forEach(c -> columns.putIfAbsent(c.name(), c));
            }
            extra.getOrDefault(name, Map.of()).forEach(columns::putIfAbsent);
            if (columns.isEmpty()) {
                out.append("    ").append(entityName(name)).append('\n');
                return;
            }
            Map<String, List<String>> comments = marks.getOrDefault(name, Map.of());
            out.append("    ").append(entityName(name)).append(" {\n");
            for (Column c : columns.values()) {
                List<String> words = new ArrayList<>();
                String attribute = word(c.name());
                if (!attribute.equals(c.name())) {
                    words.add("column " + c.name());
                }
                words.addAll(comments.getOrDefault(c.name(), List.of()));
                out.append("        ").append(word(shortType(c.type()))).append(' ').append(attribute);
                List<String> keys = t == null ? List.of() : keys(t, c.name());
                if (!keys.isEmpty()) {
                    out.append(' ').append(String.join(", ", keys));
                }
                if (!words.isEmpty()) {
                    out.append(' ').append(quoted(String.join("; ", words)));
                }
                out.append('\n');
            }
            out.append("    }\n");
        }

        private List<String> keys(Table t, String column) {
            List<String> keys = new ArrayList<>();
            if (t.constraints().stream().anyMatch(k -> k.kind() == Constraint.Kind.PRIMARY_KEY
                    && k.columns().contains(column))) {
                keys.add("PK");
            }
            if (t.foreignKeys().stream().anyMatch(k -> k.columns().contains(column))) {
                keys.add("FK");
            }
            if (t.constraints().stream().anyMatch(k -> k.kind() == Constraint.Kind.UNIQUE && k.columns().contains(column))
                    || t.indexes().stream().anyMatch(i -> i.unique() && indexColumns(i).contains(column))) {
                keys.add("UK");
            }
            return keys;
        }

        private static boolean notNull(Table t, List<String> columns) {
            return columns.stream().allMatch(n -> t.column(n).map(Column::notNull).orElse(false));
        }

        private static boolean identifying(Table t, List<String> columns) {
            return t.constraints().stream().anyMatch(k -> k.kind() == Constraint.Kind.PRIMARY_KEY
                    && k.columns().containsAll(columns));
        }

        private boolean unique(Table t, List<String> columns) {
            Set<String> key = new HashSet<>(columns);
            return t.constraints().stream().anyMatch(k -> (k.kind() == Constraint.Kind.PRIMARY_KEY
                    || k.kind() == Constraint.Kind.UNIQUE) && new HashSet<>(k.columns()).equals(key))
                    || t.indexes().stream().anyMatch(i -> i.unique() && new HashSet<>(indexColumns(i)).equals(key));
        }
    }

    /** What changed on a column, in few words: "varchar(64) -> varchar(120), not null". */
    static List<String> alterations(Column a, Column b) {
        List<String> parts = new ArrayList<>();
        if (!a.type().equals(b.type())) parts.add(shortType(a.type()) + " -> " + shortType(b.type()));
        if (a.notNull() != b.notNull()) parts.add(b.notNull() ? "not null" : "nullable");
        if (!Objects.equals(a.defaultExpr(), b.defaultExpr())) {
            parts.add(b.defaultExpr() == null ? "no default" : "default " + b.defaultExpr());
        }
        if (!Objects.equals(a.identity(), b.identity())) parts.add(b.identity() == null ? "no identity" : "identity");
        if (!Objects.equals(a.generatedExpr(), b.generatedExpr())) parts.add("generation expression");
        if (!Objects.equals(a.comment(), b.comment())) parts.add("comment");
        return parts;
    }

    /**
     * PostgreSQL's {@code format_type} text in the short spelling people write: varchar(64), timestamptz(3); a type of
     * schema public without its schema.
     */
    static String shortType(String type) {
        return type.trim()
                .replaceFirst("^public\\.", "")
                .replaceFirst("^character varying", "varchar")
                .replaceFirst("^character\\b", "char")
                .replaceFirst("^bit varying", "varbit")
                .replaceFirst("^(timestamp|time)(\\(\\d+\\))? without time zone", "$1$2")
                .replaceFirst("^(timestamp|time)(\\(\\d+\\))? with time zone", "$1tz$2");
    }

    /**
     * One word of erDiagram's attribute grammar: letters, digits and {@code _}, not starting with a digit, not a key
     * word; {@code varchar(64)} becomes {@code varchar_64_}, {@code integer[]} {@code integer_array}.
     */
    static String word(String text) {
        String w = text.replace("\"", "").replace("[]", "_array").replaceAll("[^A-Za-z0-9_]+", "_");
        if (w.isEmpty() || Character.isDigit(w.charAt(0))) {
            w = "_" + w;
        }
        return KEY_WORDS.contains(w.toLowerCase(Locale.ROOT)) ? w + "_" : w;
    }

    /** A bare word where erDiagram reads it as a name, else a quoted {@code "schema.name"}. */
    static String entityName(QualifiedName name) {
        String text = name.toString();
        if ("public".equals(name.schema()) && WORD.matcher(text).matches()
                && !RESERVED.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        return quoted(text.replace("%", "_").replace("\\", "_"));
    }

    /** A string erDiagram accepts: double-quoted, with no double quote, line break or (in names) percent sign. */
    private static String quoted(String text) {
        return "\"" + text.replace('"', '\'').replaceAll("[\\r\\n\\u000B\\u0008]", " ") + "\"";
    }
}
