package dev.jpamigrate.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A table with its columns (in table order), constraints and indexes. */
public record Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                    String comment) implements java.io.Serializable {
    public Table {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Constraints other than foreign keys: they are created with the table. */
    public List<Constraint> ownConstraints() {
        return constraints.stream().filter(c -> c.kind() != Constraint.Kind.FOREIGN_KEY).toList();
    }

    public List<Constraint> foreignKeys() {
        return constraints.stream().filter(c -> c.kind() == Constraint.Kind.FOREIGN_KEY).toList();
    }

    /** The same table with columns, constraints and indexes sorted by name, so that column order never matters. */
    public Table normalized() {
        return new Table(name,
                columns.stream().sorted(Comparator.comparing(Column::name)).toList(),
                constraints.stream().sorted(Comparator.comparing(Constraint::name)).toList(),
                indexes.stream().sorted(Comparator.comparing(Index::name)).toList(),
                comment);
    }
}
