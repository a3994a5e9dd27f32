package dev.jpamigrate.schema;

import java.util.List;

/** A PostgreSQL enum type with its labels in sort order. */
public record EnumType(QualifiedName name, List<String> values) implements java.io.Serializable {
    public EnumType {
        values = List.copyOf(values);
    }
}
