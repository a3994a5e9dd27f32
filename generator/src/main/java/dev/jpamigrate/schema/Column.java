package dev.jpamigrate.schema;

/**
 * A table column. {@code type} is PostgreSQL's {@code format_type} text and {@code typeCategory} its
 * {@code pg_type.typcategory}; {@code defaultExpr} is {@code pg_get_expr} of the default, or null.
 */
public record Column(String name, String type, String typeCategory, boolean notNull, String defaultExpr,
                     Identity identity, String generatedExpr, String comment) implements java.io.Serializable {

    /** The type, read into typed values. */
    public SqlType sqlType() {
        return SqlType.parse(type, typeCategory);
    }

    public Column withDefault(String expr) {
        return new Column(name, type, typeCategory, notNull, expr, identity, generatedExpr, comment);
    }

    public Column withType(String newType, String newCategory) {
        return new Column(name, newType, newCategory, notNull, defaultExpr, identity, generatedExpr, comment);
    }
}
