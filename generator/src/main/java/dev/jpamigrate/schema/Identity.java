package dev.jpamigrate.schema;

/** An identity column's generation kind and sequence options. */
public record Identity(boolean always, long start, long increment, long min, long max, long cache, boolean cycle) implements java.io.Serializable {
}
