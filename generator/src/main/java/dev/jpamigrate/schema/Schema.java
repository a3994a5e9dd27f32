package dev.jpamigrate.schema;

import java.util.List;
import java.util.Optional;

/**
 * Everything the tool manages in one database: schemas, extensions, enum types, sequences and tables. Extensions come
 * in dependency order (an extension after those it requires).
 */
public record Schema(List<String> schemas, List<Extension> extensions, List<EnumType> enums, List<Sequence> sequences,
                     List<Table> tables) implements java.io.Serializable {
    public Schema {
        schemas = List.copyOf(schemas);
        extensions = List.copyOf(extensions);
        enums = List.copyOf(enums);
        sequences = List.copyOf(sequences);
        tables = List.copyOf(tables);
    }

    public static Schema empty() {
        return new Schema(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public Optional<Table> table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** A copy in which column order does not count, for comparing two databases. */
    public Schema normalized() {
        return withTables(tables.stream().map(Table::normalized).toList());
    }

    public Schema withTables(List<Table> newTables) {
        return new Schema(schemas, extensions, enums, sequences, newTables);
    }

    public Schema withExtensions(List<Extension> newExtensions) {
        return new Schema(schemas, newExtensions, enums, sequences, tables);
    }

    /** No schemas, types, sequences or tables; extensions do not count, as a new database often comes with some. */
    public boolean isEmpty() {
        return schemas.isEmpty() && enums.isEmpty() && sequences.isEmpty() && tables.isEmpty();
    }
}
