package dev.jpamigrate.schema;

import java.util.List;

/** A table constraint; {@code definition} is {@code pg_get_constraintdef}, {@code references} the FK target or null. */
public record Constraint(String name, Kind kind, List<String> columns, String definition, QualifiedName references) implements java.io.Serializable {
    public Constraint {
        columns = List.copyOf(columns);
    }

    /** Constraint kinds, by {@code pg_constraint.contype}. */
    public enum Kind {
        PRIMARY_KEY("primary key"), UNIQUE("unique constraint"), CHECK("check constraint"),
        FOREIGN_KEY("foreign key"), EXCLUSION("exclusion constraint");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public static Kind of(String contype) {
            return switch (contype) {
                case "p" -> PRIMARY_KEY;
                case "u" -> UNIQUE;
                case "c" -> CHECK;
                case "f" -> FOREIGN_KEY;
                case "x" -> EXCLUSION;
                default -> throw new IllegalArgumentException("unknown constraint type " + contype);
            };
        }
    }
}
