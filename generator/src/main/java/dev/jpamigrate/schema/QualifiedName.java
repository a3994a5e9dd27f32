package dev.jpamigrate.schema;

import java.util.Comparator;

/** A schema-qualified object name, as PostgreSQL stores it (case preserved, unquoted). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName>, java.io.Serializable {
    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    /** The name quoted for SQL, always schema-qualified so that search_path never matters. */
    public String sql() {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    /** The name for people: the schema is omitted when it is {@code public}. */
    @Override
    public String toString() {
        return "public".equals(schema) ? name : schema + "." + name;
    }

    @Override
    public int compareTo(QualifiedName o) {
        return ORDER.compare(this, o);
    }
}
