package dev.jpamigrate.schema;

/**
 * An installed PostgreSQL extension and the schema that holds its objects. The objects themselves are the
 * extension's, not part of the model; a copy of a database needs the extension before its tables can use them.
 */
public record Extension(String name, String schema) {
}
