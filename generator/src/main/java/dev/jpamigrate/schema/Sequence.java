package dev.jpamigrate.schema;

/** A free-standing sequence (identity sequences belong to their column); {@code ownedBy} is "table.column" or null. */
public record Sequence(QualifiedName name, String dataType, long start, long increment, long min, long max, long cache,
                       boolean cycle, ColumnRef ownedBy) implements java.io.Serializable {

    /** The same sequence without an owner. */
    public Sequence withoutOwner() {
        return new Sequence(name, dataType, start, increment, min, max, cache, cycle, null);
    }
}
