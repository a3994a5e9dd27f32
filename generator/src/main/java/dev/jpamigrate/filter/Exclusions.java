package dev.jpamigrate.filter;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.schema.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Objects the entities do not manage, by name pattern (Alembic's {@code include_object}, Atlas's {@code exclude}).
 * Applied to both schemas before any diff, so nothing excluded is created, dropped or reported.
 *
 * <p>A pattern is a glob, case-sensitive as the catalog stores names: {@code *} is any run of characters, {@code ?}
 * one character. Without a dot it is matched against the object's own name in every schema; with one, the part
 * before the first dot against the schema and the rest against the name, and {@code legacy.*} excludes the schema
 * {@code legacy} itself with everything in it. Every kind of object is matched by its own name: tables, sequences,
 * enum types, and the indexes and constraints of a table (in the table's schema). An excluded table takes its
 * columns, indexes and constraints with it, and the sequences it owns (a {@code serial} column's); a foreign key
 * from a managed table to an excluded one stays in the managed table.
 */
public record Exclusions(List<String> patterns) {
    public Exclusions {
        patterns = List.copyOf(patterns);
        for (String p : patterns) {
            if (p.isBlank() || p.startsWith(".") || p.endsWith(".")) {
                throw new MigrateException("invalid exclude pattern '" + p + "': use a name glob such as audit_* or"
                        + " legacy.* (schema.name)");
            }
        }
    }

    public static Exclusions none() {
        return new Exclusions(List.of());
    }

    /** Patterns as typed: each value may hold several, separated by commas; blanks around them are ignored. */
    public static Exclusions parse(List<String> values) {
        List<String> patterns = new ArrayList<>();
        for (String value : values) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(patterns::add);
        }
        return new Exclusions(patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** True when a pattern names the object {@code name} in {@code schema}. */
    public boolean excludes(String schema, String name) {
        for (String p : patterns) {
            int dot = p.indexOf('.');
            if (dot < 0 ? glob(p, name) : glob(p.substring(0, dot), schema) && glob(p.substring(dot + 1), name)) {
                return true;
            }
        }
        return false;
    }

    public boolean excludes(QualifiedName name) {
        return excludes(name.schema(), name.name());
    }

    /** A schema is excluded, with everything in it, by a pattern {@code <glob>.*} that matches it. */
    public boolean excludesSchema(String schema) {
        return patterns.stream().anyMatch(p -> p.endsWith(".*") && p.indexOf('.') == p.length() - 2
                && glob(p.substring(0, p.length() - 2), schema));
    }

    /** {@code schema} without the excluded objects. */
    public Schema apply(Schema schema) {
        if (patterns.isEmpty()) {
            return schema;
        }
        Set<QualifiedName> excludedTables = new HashSet<>();
        List<Table> tables = new ArrayList<>();
        for (Table t : schema.tables()) {
            if (excludesSchema(t.name().schema()) || excludes(t.name())) {
                excludedTables.add(t.name());
                continue;
            }
            String s = t.name().schema();
            tables.add(new Table(t.name(), t.columns(),
                    t.constraints().stream().filter(c -> !excludes(s, c.name())).toList(),
                    t.indexes().stream().filter(i -> !excludes(s, i.name())).toList(), t.comment()));
        }
        List<Sequence> sequences = schema.sequences().stream()
                .filter(q -> !excludesSchema(q.name().schema()) && !excludes(q.name()))
                .filter(q -> q.ownedBy() == null || !excludedTables.contains(q.ownedBy().table()))
                .toList();
        List<EnumType> enums = schema.enums().stream()
                .filter(e -> !excludesSchema(e.name().schema()) && !excludes(e.name())).toList();
        List<String> schemas = schema.schemas().stream().filter(s -> !excludesSchema(s)).toList();
        List<Extension> extensions = schema.extensions().stream().filter(e -> !excludesSchema(e.schema())).toList();
        return new Schema(schemas, extensions, enums, sequences, tables);
    }

    static boolean glob(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
