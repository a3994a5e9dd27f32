package dev.jpamigrate.schema;

import java.util.List;
import java.util.Optional;

/** Everything the tool manages in one database: schemas, enum types, sequences and tables. */
public record Schema(List<String> schemas, List<EnumType> enums, List<Sequence> sequences, List<Table> tables) implements java.io.Serializable {
    public Schema {
        schemas = List.copyOf(schemas);
        enums = List.copyOf(enums);
        sequences = List.copyOf(sequences);
        tables = List.copyOf(tables);
    }

    public static Schema empty() {
        return new Schema(List.of(), List.of(), List.of(), List.of());
    }

    public Optional<Table> table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** A copy in which column order does not count, for comparing two databases. */
    public Schema normalized() {
        return new Schema(schemas, enums, sequences, tables.stream().map(Table::normalized).toList());
    }

    public boolean isEmpty() {
        return schemas.isEmpty() && enums.isEmpty() && sequences.isEmpty() && tables.isEmpty();
    }
}
