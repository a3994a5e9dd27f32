package dev.jpamigrate.schema;

/** A reference to one column of a table. */
public record ColumnRef(QualifiedName table, String column) implements java.io.Serializable {
    public String sql() {
        return table.sql() + "." + Sql.ident(column);
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
