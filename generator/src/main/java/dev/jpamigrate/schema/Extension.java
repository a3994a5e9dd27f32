package dev.jpamigrate.schema;

/**
 * A PostgreSQL extension and the schema its objects live in. The version is left out on purpose: two servers rarely
 * ship the same one, and the objects a migration uses do not depend on it.
 */
public record Extension(String name, String schema) implements java.io.Serializable {
}
